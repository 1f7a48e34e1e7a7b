// The host's home, Downloads and temp folders (`system.paths`), asked once per window.
import type { HostPaths } from '../../../../../src-main/contract/dto/system';
import { berth } from '../../../api';

let cached: Promise<HostPaths> | undefined;

/** Resolves to the host folders; a failed request is asked again next time. */
export function hostPaths(): Promise<HostPaths> {
  cached ??= berth.call('system.paths', {}).catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
