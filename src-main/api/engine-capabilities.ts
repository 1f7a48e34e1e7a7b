// What the engine and the CLIs where it is can do, asked together for the pages that turn features off.
import type { EngineCapabilities } from '../contract/dto/system';
import { buildxCapability } from '../docker-cli/cli-capabilities';
import { buildkitCapability, swarmCapability } from '../engine/capabilities';
import type { Services } from './services';

export async function engineCapabilities(s: Services): Promise<EngineCapabilities> {
  const [version, info, compose, buildx] = await Promise.all([
    s.docker.version(),
    s.docker.info() as Promise<Record<string, unknown>>,
    s.stacks.compose(),
    buildxCapability(s.cli()),
  ]);
  const { available, version: composeVersion, reason } = compose;
  return {
    engineVersion: version.Version,
    apiVersion: version.ApiVersion,
    buildkit: buildkitCapability(version.Version, version.ApiVersion, String(info.OSType ?? 'linux')),
    swarm: swarmCapability(info),
    compose: { available, ...(composeVersion ? { version: composeVersion } : {}), ...(reason ? { reason } : {}) },
    buildx,
  };
}
