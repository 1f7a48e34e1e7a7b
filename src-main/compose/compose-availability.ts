// Whether the compose CLI v2 runs where the engine is, and if not, what to install.
import type { ComposeAvailability } from '../contract/dto/stacks';
import type { DockerCli } from '../docker-cli/docker-cli';

const INSTALL =
  'install Docker Compose v2: Debian\'s "docker-compose" package from trixie on, or Docker\'s "docker-compose-plugin"; ' +
  'the end-of-life docker-compose v1 cannot be used';

/** Asks `docker compose version`; every failure becomes a reason that names what to install. */
export async function composeAvailability(cli: DockerCli): Promise<ComposeAvailability> {
  const where = cli.where;
  const place = where === 'vm' ? "in Berth's VM" : 'on this computer';
  try {
    const { stdout } = await cli.run(['compose', 'version', '--short']);
    const version = stdout.trim().replace(/^v/, '');
    if (!/^2\./.test(version) && !/^[3-9]\./.test(version))
      return { available: false, where, version, reason: `Compose ${version} ${place} is too old: ${INSTALL}` };
    return { available: true, where, version };
  } catch (error) {
    const said = error instanceof Error ? error.message : String(error);
    const missing = /not a docker command|unknown command|not installed/i.test(said);
    const reason = missing
      ? `The compose CLI is not installed ${place}: ${INSTALL}`
      : `The compose CLI ${place} did not answer (${said}): ${INSTALL}`;
    return { available: false, where, reason };
  }
}
