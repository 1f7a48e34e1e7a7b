// Holds the guest's data disk file system still (fsfreeze) while QEMU snapshots it live, so the snapshot is clean.
import type { ClientChannel } from 'ssh2';

/** Where the guest mounts the data disk (the supervisor bind-mounts /var/lib/docker and /var/lib/containerd from it). */
const GUEST_DATA_MOUNT = '/mnt/data';
/** The guest thaws by itself after this long, even if Berth never says so, in s. */
const FREEZE_LIMIT_S = 60;
/** How long the freeze itself (writing out what the guest holds in memory) may take, in ms. */
const FREEZE_TIMEOUT_MS = 60_000;

/**
 * Runs `work` with the guest's data disk frozen: its file system written out and every write held
 * until `work` ends. The guest thaws when Berth ends the command's input, when the SSH channel
 * drops, or after FREEZE_LIMIT_S, so a lost connection never leaves the engine hanging.
 */
export async function withDataDiskFrozen<T>(
  execChannel: (command: string) => Promise<ClientChannel>,
  work: () => Promise<T>,
): Promise<T> {
  const mount = GUEST_DATA_MOUNT;
  const channel = await execChannel(
    `fsfreeze -f ${mount} && echo frozen && timeout ${FREEZE_LIMIT_S} head -n 1 >/dev/null; fsfreeze -u ${mount} 2>/dev/null; true`,
  );
  const closed = new Promise<void>((resolve) => channel.once('close', () => resolve()));
  try {
    await frozen(channel, closed);
    return await work();
  } finally {
    channel.end('\n');
    await closed;
  }
}

/** Resolves once the guest said "frozen"; rejects with its error output when it could not freeze. */
function frozen(channel: ClientChannel, closed: Promise<void>): Promise<void> {
  let stdout = '';
  let stderr = '';
  channel.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The VM did not freeze its data disk within ${FREEZE_TIMEOUT_MS / 1000} s`)),
      FREEZE_TIMEOUT_MS,
    );
    channel.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      if (stdout.includes('frozen\n')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void closed.then(() => {
      clearTimeout(timer);
      reject(new Error(`The VM could not freeze its data disk: ${stderr.trim() || 'the command ended'}`));
    });
  });
}
