// The VM's throwaway root disk: a fresh qcow2 overlay on the read-only base image, made before each boot.
import { access, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { runQemuImg, type QemuImgOptions } from './qemu-img';

/**
 * Replaces `overlayPath` with an empty qcow2 whose backing file is `basePath` (absolute), so
 * whatever the guest writes to its root disk is gone at the next boot and the base image is
 * never written. Throws when the base image is missing (the VM assets are not installed).
 */
export async function createRootOverlay(
  basePath: string,
  overlayPath: string,
  options: QemuImgOptions = {},
): Promise<void> {
  const base = resolve(basePath);
  try {
    await access(base);
  } catch {
    throw new Error(`The VM's base image ${base} is missing: the VM assets are not installed or were moved`);
  }
  await rm(overlayPath, { force: true });
  await runQemuImg(['create', '-q', '-f', 'qcow2', '-F', 'qcow2', '-b', base, overlayPath], options);
}
