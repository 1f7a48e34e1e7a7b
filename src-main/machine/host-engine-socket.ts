// Where a Docker Engine installed on this (Linux) computer listens: DOCKER_HOST's unix socket, the system one, or the rootless one.
import { stat } from 'node:fs/promises';

export const SYSTEM_ENGINE_SOCKET = '/var/run/docker.sock';

/**
 * Sockets to try, best first. A unix:// DOCKER_HOST is the user's explicit choice and the only
 * candidate; otherwise the system engine's socket, then rootless Docker's
 * ($XDG_RUNTIME_DIR/docker.sock, or /run/user/<uid>/docker.sock when that is unset).
 */
export function hostEngineSocketCandidates(env: Record<string, string | undefined>, uid?: number): string[] {
  const dockerHost = env.DOCKER_HOST ?? '';
  if (dockerHost.startsWith('unix://')) return [dockerHost.slice('unix://'.length)];
  const runtimeDir = env.XDG_RUNTIME_DIR || (uid === undefined ? undefined : `/run/user/${uid}`);
  return runtimeDir ? [SYSTEM_ENGINE_SOCKET, `${runtimeDir}/docker.sock`] : [SYSTEM_ENGINE_SOCKET];
}

/** The first candidate that exists as a unix socket (whether or not an engine answers on it), if any. */
export async function findHostEngineSocket(
  env: Record<string, string | undefined> = process.env,
  uid: number | undefined = process.getuid?.(),
): Promise<string | undefined> {
  for (const candidate of hostEngineSocketCandidates(env, uid)) {
    try {
      if ((await stat(candidate)).isSocket()) return candidate;
    } catch {
      // Missing or unreadable: try the next one.
    }
  }
  return undefined;
}
