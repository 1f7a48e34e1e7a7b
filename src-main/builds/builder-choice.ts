// Which builder a build gets: BuildKit through buildx wherever the engine and the CLI have it, else the classic
// builder with the reason.
import type Dockerode from 'dockerode';
import type { BuilderKind } from '../contract/dto/builds';
import { buildxCapability } from '../docker-cli/cli-capabilities';
import type { DockerCli } from '../docker-cli/docker-cli';
import { buildkitCapability } from '../engine/capabilities';

export interface BuilderChoice {
  kind: BuilderKind;
  /** Why the classic builder: what is missing and what to do. */
  reason?: string;
}

export async function chooseBuilder(docker: Dockerode, cli: DockerCli): Promise<BuilderChoice> {
  const [version, info] = await Promise.all([docker.version(), docker.info() as Promise<{ OSType?: string }>]);
  const buildkit = buildkitCapability(version.Version, version.ApiVersion, String(info.OSType ?? 'linux'));
  if (!buildkit.available) return { kind: 'classic', reason: buildkit.reason };
  const buildx = await buildxCapability(cli);
  if (!buildx.available) return { kind: 'classic', reason: buildx.reason };
  return { kind: 'buildkit' };
}
