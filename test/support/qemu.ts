// Real QEMU processes for tests: tracked (stopped even when a test fails), in temp folders of their own, plus stand-in boot files.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDebianPackages } from './packages';
import { logFileOf, onExitCleanup, spawnTracked, stopProcess, tailFile } from './processes';

/** Absolute paths of qemu-system-x86_64 and qemu-img, installing their packages when missing (as root). */
export function ensureQemu(): Promise<{ 'qemu-system-x86_64': string; 'qemu-img': string }> {
  return ensureDebianPackages({ 'qemu-system-x86_64': 'qemu-system-x86', 'qemu-img': 'qemu-utils' }) as Promise<{
    'qemu-system-x86_64': string;
    'qemu-img': string;
  }>;
}

export interface TempFolder {
  path: string;
  /** Removes the folder (also done at process exit if a test forgot). */
  remove(): void;
}

/** A fresh mode-0700 folder under the short system temp folder (unix socket paths must stay short). */
export function makeTempFolder(prefix: string): TempFolder {
  const path = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(path, { recursive: true, force: true });
  const unregister = onExitCleanup(remove);
  return {
    path,
    remove: () => {
      unregister();
      remove();
    },
  };
}

/** Starts a tracked QEMU; `stopQemu` (or process exit) ends it. */
export function spawnQemu(binary: string, args: readonly string[]): ChildProcess {
  return spawnTracked(binary, args);
}

/** Ends a QEMU started by spawnQemu: SIGTERM (QEMU shuts down at once), then SIGKILL after 5 s. */
export function stopQemu(child: ChildProcess): Promise<void> {
  return stopProcess(child, { timeoutMs: 5_000 });
}

/** QEMU's own output (its errors go there), for assertion messages. */
export function qemuOutput(child: ChildProcess): string {
  return tailFile(logFileOf(child), 20);
}

/**
 * A stand-in x86 Linux kernel: just a boot-protocol 2.15 header, enough for QEMU's -kernel to
 * accept it. Only for QEMU started paused (-S): it must never run.
 */
export function writeStandInKernel(path: string): void {
  const image = Buffer.alloc(8192);
  image[0x1f1] = 1; // setup_sects
  image.writeUInt16LE(0xaa55, 0x1fe);
  image.write('HdrS', 0x202, 'latin1');
  image.writeUInt16LE(0x020f, 0x206); // boot protocol version
  image[0x211] = 0x01; // loadflags: LOADED_HIGH
  image.writeUInt32LE(0x7fffffff, 0x22c); // initrd_addr_max
  image.writeUInt32LE(2048, 0x238); // cmdline_size
  writeFileSync(path, image);
}
