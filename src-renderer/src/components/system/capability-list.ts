// The engine's capabilities as the System page lists them: what each is, whether it is there, and why not. Pure.
import type { EngineCapabilities } from '../../../../src-main/contract/dto/system';

export interface CapabilityItem {
  key: 'buildkit' | 'compose' | 'buildx' | 'swarm';
  label: string;
  available: boolean;
  /** The version or mode when available, the reason when not. */
  detail: string;
}

export function capabilityList(c: EngineCapabilities): CapabilityItem[] {
  const item = (
    key: CapabilityItem['key'],
    label: string,
    capability: { available: boolean; version?: string; reason?: string },
    availableDetail: string,
  ): CapabilityItem => ({
    key,
    label,
    available: capability.available,
    detail: capability.available ? availableDetail : (capability.reason ?? 'not available'),
  });
  return [
    item(
      'buildkit',
      'BuildKit',
      c.buildkit,
      c.buildkit.default ? 'the default builder' : 'available; the classic builder is the default',
    ),
    item('compose', 'Compose', c.compose, c.compose.version ? `v${c.compose.version}` : 'available'),
    item('buildx', 'Buildx', c.buildx, c.buildx.version ? `v${c.buildx.version}` : 'available'),
    item('swarm', 'Swarm', c.swarm, 'this engine is a manager'),
  ];
}
