// Picks the machine backend from the setting and the host: the host's own engine on Linux when there is one, else Berth's VM.
import type { MachineKind } from '../contract/dto/machine';
import { findHostEngineSocket, hostEngineSocketCandidates } from './host-engine-socket';
import type { Machine } from './machine';
import { NativeMachine } from './native-machine';

/** The user's choice: `auto` lets Berth pick. */
export type MachineBackendSetting = 'auto' | 'qemu' | 'native';

export interface MachineKindChoice {
  kind: MachineKind;
  /** Why, in words the UI can show. */
  reason: string;
}

/**
 * The backend for a setting on a platform, given the host engine socket found (if any). Pure.
 * Only Linux has a native backend; `auto` uses it when an engine socket exists.
 */
export function chooseMachineKind(
  setting: MachineBackendSetting,
  platform: NodeJS.Platform,
  hostEngineSocket: string | undefined,
): MachineKindChoice {
  if (platform !== 'linux') {
    return setting === 'native'
      ? { kind: 'qemu', reason: `Only Linux runs the Docker Engine natively; on ${platform} Berth runs its own VM` }
      : { kind: 'qemu', reason: `On ${platform} the Docker Engine runs in Berth's VM` };
  }
  if (setting === 'qemu') return { kind: 'qemu', reason: "Berth's VM was chosen in Settings" };
  if (setting === 'native') {
    return { kind: 'native', reason: 'The Docker Engine installed on this computer was chosen in Settings' };
  }
  return hostEngineSocket
    ? { kind: 'native', reason: `Using the Docker Engine installed on this computer (${hostEngineSocket})` }
    : { kind: 'qemu', reason: 'No Docker Engine is installed on this computer, so Berth runs its own VM' };
}

export interface CreateMachineOptions {
  setting: MachineBackendSetting;
  /** Makes the qemu backend. */
  createQemu: () => Machine;
  /** Makes the native backend for a socket; default a NativeMachine. */
  createNative?: (socketPath: string) => Machine;
  /** Default `process.platform`. */
  platform?: NodeJS.Platform;
  /** For DOCKER_HOST and XDG_RUNTIME_DIR; default `process.env`. */
  env?: Record<string, string | undefined>;
}

/** Finds the host's engine socket, chooses the backend and makes it. */
export async function createMachine(options: CreateMachineOptions): Promise<{ machine: Machine; reason: string }> {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const socket = platform === 'linux' ? await findHostEngineSocket(env) : undefined;
  const choice = chooseMachineKind(options.setting, platform, socket);
  if (choice.kind === 'qemu') return { machine: options.createQemu(), reason: choice.reason };
  // An explicit "native" with no socket yet follows the first candidate, and says there is no engine there.
  const socketPath = socket ?? (hostEngineSocketCandidates(env, process.getuid?.())[0] as string);
  const createNative = options.createNative ?? ((path: string) => new NativeMachine({ socketPath: path }));
  return { machine: createNative(socketPath), reason: choice.reason };
}
