// What an engine itself can do, from its versions, OS and swarm state. Pure.
import type { Capability, EngineInfo } from '../contract/dto/system';

/** The first Engine API version with BuildKit builds (Docker 18.09). */
const BUILDKIT_API = 1.39;

function apiAtLeast(version: string, wanted: number): boolean {
  return Number(version) >= wanted;
}

/** BuildKit from the API version and OS; Linux engines build with it by default from Docker 23 on. */
export function buildkitCapability(
  engineVersion: string,
  apiVersion: string,
  osType: string,
): Capability & { default: boolean } {
  if (osType === 'windows')
    return { available: false, default: false, reason: 'Windows engines build with the classic builder only' };
  if (!apiAtLeast(apiVersion, BUILDKIT_API))
    return {
      available: false,
      default: false,
      reason: `Engine API ${apiVersion} is older than ${BUILDKIT_API} (Docker 18.09), the first with BuildKit: update the engine`,
    };
  return { available: true, default: Number(engineVersion.split('.')[0]) >= 23 };
}

export function swarmCapability(info: Record<string, unknown>): Capability & { state: EngineInfo['swarm'] } {
  const swarm = (info.Swarm ?? {}) as { LocalNodeState?: string; ControlAvailable?: boolean };
  const state =
    (['pending', 'active', 'error', 'locked'] as const).find((s) => s === swarm.LocalNodeState) ?? 'inactive';
  if (state === 'active' && swarm.ControlAvailable) return { available: true, state };
  const reason =
    state === 'active'
      ? 'This engine is a swarm worker: services, stacks and secrets are managed on a manager'
      : state === 'inactive'
        ? 'Swarm mode is not on for this engine (docker swarm init turns it on)'
        : `The engine's swarm is ${state}`;
  return { available: false, state, reason };
}
