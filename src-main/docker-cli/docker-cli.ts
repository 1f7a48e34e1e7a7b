// Where the official docker CLI runs for an engine: on this computer with DOCKER_HOST set, or inside Berth's VM.
import { runDockerCli, type CliOptions, type CliResult, type CliTarget } from './cli-runner';

export interface DockerCli {
  /** host: this computer's CLI; vm: the CLI inside Berth's VM, next to its engine. */
  readonly where: 'host' | 'vm';
  /** Runs `docker <args…>` (or `options.program`'s); see runDockerCli for what it resolves and rejects with. */
  run(args: readonly string[], options?: CliOptions): Promise<CliResult>;
  /** The host paths among `paths` that this CLI cannot read (for the VM: outside the folders shared with it). */
  unseen(paths: readonly string[]): Promise<string[]>;
}

/** This computer's docker CLI against `target`'s engine: it sees every host path. */
export function hostDockerCli(target: CliTarget): DockerCli {
  return {
    where: 'host',
    run: (args, options) => runDockerCli(target, args, options),
    unseen: async () => [],
  };
}
