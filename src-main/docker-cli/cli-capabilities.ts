// Whether the buildx CLI plugin runs where the engine is, and if not, what to install.
import type { Capability } from '../contract/dto/system';
import type { DockerCli } from './docker-cli';

export async function buildxCapability(cli: DockerCli): Promise<Capability> {
  const place = cli.where === 'vm' ? "in Berth's VM" : 'on this computer';
  try {
    const { stdout } = await cli.run(['buildx', 'version']);
    // "github.com/docker/buildx 0.13.1+ds1 …"
    const version = /\bv?(\d+\.\d+\.\d+)/.exec(stdout)?.[1];
    return version ? { available: true, version } : { available: true };
  } catch (error) {
    const said = error instanceof Error ? error.message : String(error);
    return {
      available: false,
      reason: /not a docker command|not installed/i.test(said)
        ? `The buildx CLI plugin is not installed ${place}: install Debian's "docker-buildx" or Docker's "docker-buildx-plugin"`
        : `The buildx CLI ${place} did not answer: ${said}`,
    };
  }
}
