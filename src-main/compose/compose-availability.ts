// Whether the compose CLI v2 runs where the engine is, and if not, what to install.
import type { ComposeAvailability } from '../contract/dto/stacks';
import type { DockerCli } from '../docker-cli/docker-cli';

const INSTALL =
  'install Docker Compose v2 (Debian\'s "docker-compose" package from trixie on, or Docker\'s "docker-compose-plugin")';

/**
 * Asks `docker compose version`; every failure becomes a reason that names what to install. Without the plugin it
 * asks the standalone `docker-compose` too, so a user who has only the end-of-life v1 is told that is the reason.
 */
export async function composeAvailability(cli: DockerCli): Promise<ComposeAvailability> {
  const where = cli.where;
  const place = where === 'vm' ? "in Berth's VM" : 'on this computer';
  try {
    // Not `--short`: without the plugin the CLI would answer an unknown flag instead of an unknown command.
    const { stdout } = await cli.run(['compose', 'version']);
    // "Docker Compose version v2.26.1" (Docker's build) or "… version 2.26.1-4" (Debian's).
    const version = /version v?(\d+\.\d+\.\d+[\w.+-]*)/.exec(stdout)?.[1] ?? stdout.trim();
    if (!/^2\./.test(version) && !/^[3-9]\./.test(version))
      return { available: false, where, version, reason: `Compose ${version} ${place} is too old: ${INSTALL}` };
    return { available: true, where, version };
  } catch (error) {
    const said = error instanceof Error ? error.message : String(error);
    if (!/not a docker command|unknown command|not installed/i.test(said))
      return { available: false, where, reason: `The compose CLI ${place} did not answer (${said}): ${INSTALL}` };
    const v1 = await composeV1Version(cli);
    if (v1)
      return {
        available: false,
        where,
        version: v1,
        reason: `Only the end-of-life docker-compose v1 (${v1}) was found ${place}, and Berth needs Compose v2: ${INSTALL}`,
      };
    return {
      available: false,
      where,
      reason: `The compose CLI is not installed ${place}: ${INSTALL}; the end-of-life docker-compose v1 cannot be used`,
    };
  }
}

/** The version of a standalone `docker-compose` v1 ("1.29.2"), or undefined when there is none (or it is v2). */
async function composeV1Version(cli: DockerCli): Promise<string | undefined> {
  const answer = await cli.run(['version', '--short'], { program: 'docker-compose' }).catch(() => undefined);
  const version = answer && /^\s*v?(1\.\d+\.\d+\S*)\s*$/.exec(answer.stdout)?.[1];
  return version || undefined;
}
