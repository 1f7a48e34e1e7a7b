// Where the official docker CLI runs for an engine: on this computer with DOCKER_HOST set, or inside Berth's VM.
import { runDockerCli, type CliOptions, type CliResult, type CliTarget } from './cli-runner';
import { defaultRunsDir, prepareCliLogins, type CliLoginList } from './host-cli-logins';

export interface DockerCli {
  /** host: this computer's CLI; vm: the CLI inside Berth's VM, next to its engine. */
  readonly where: 'host' | 'vm';
  /** Runs `docker <args…>` (or `options.program`'s); see runDockerCli for what it resolves and rejects with. */
  run(args: readonly string[], options?: CliOptions): Promise<CliResult>;
  /** The host paths among `paths` that this CLI cannot read (for the VM: outside the folders shared with it). */
  unseen(paths: readonly string[]): Promise<string[]>;
}

/** What a CLI run is given of Berth's own registry logins. */
export interface CliLoginOptions {
  /** Every login Berth keeps itself; default none. */
  listLogins?: CliLoginList;
  /** Where a run that is given logins makes its private config folder; default defaultRunsDir(). */
  runsDir?: string;
}

/**
 * This computer's docker CLI against `target`'s engine: it sees every host path. Each run is given the logins Berth
 * keeps (those the user's config does not send to a credential helper of its own) through a private DOCKER_CONFIG.
 */
export function hostDockerCli(target: CliTarget, logins: CliLoginOptions = {}): DockerCli {
  return {
    where: 'host',
    async run(args, options) {
      const given = (await logins.listLogins?.()) ?? [];
      const run = given.length
        ? await prepareCliLogins(given, target.env ?? {}, logins.runsDir ?? defaultRunsDir())
        : undefined;
      if (!run) return runDockerCli(target, args, options);
      try {
        return await runDockerCli({ ...target, env: { ...target.env, ...run.env } }, args, options);
      } finally {
        await run.remove();
      }
    },
    unseen: async () => [],
  };
}
