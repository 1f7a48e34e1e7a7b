// Runs qemu-img and reads `qemu-img info`: the one place Berth's disk code talks to QEMU's image tool.
import { execFile } from 'node:child_process';

export interface QemuImgOptions {
  /** qemu-img to run: a path, or a name found in PATH (default "qemu-img"). */
  qemuImgPath?: string;
}

export interface QemuImageInfo {
  format: string;
  /** Size the guest sees, in bytes. */
  virtualSizeBytes: number;
  /** Space the image file takes on the host, in bytes. */
  allocatedBytes: number;
  backingFile?: string;
}

/** A qemu-img run that failed; `inUse` when QEMU (or another qemu-img) holds the image's lock. */
export class QemuImgError extends Error {
  readonly inUse: boolean;

  constructor(message: string, inUse: boolean) {
    super(message);
    this.name = 'QemuImgError';
    this.inUse = inUse;
  }
}

/** Runs `qemu-img <args>` and resolves with its standard output; rejects with its error output. */
export function runQemuImg(args: readonly string[], options: QemuImgOptions = {}): Promise<string> {
  const binary = options.qemuImgPath ?? 'qemu-img';
  return new Promise((resolve, reject) => {
    execFile(binary, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        return reject(new QemuImgError(`${binary} is not installed (it comes with QEMU: qemu-utils on Debian)`, false));
      }
      const detail = stderr.trim() || error.message;
      reject(new QemuImgError(`qemu-img ${args[0] ?? ''} failed: ${detail}`, /Failed to get .*lock/.test(detail)));
    });
  });
}

/**
 * Format, sizes and backing file of an image. With `shared` it reads even an image a running
 * QEMU holds (-U); without, it fails with `inUse` in that case, which makes it a lock check.
 */
export async function qemuImageInfo(
  path: string,
  options: QemuImgOptions & { shared?: boolean } = {},
): Promise<QemuImageInfo> {
  const args = ['info', '--output=json', ...(options.shared ? ['-U'] : []), path];
  const raw = JSON.parse(await runQemuImg(args, options)) as {
    format: string;
    'virtual-size': number;
    'actual-size'?: number;
    'backing-filename'?: string;
  };
  const info: QemuImageInfo = {
    format: raw.format,
    virtualSizeBytes: raw['virtual-size'],
    allocatedBytes: raw['actual-size'] ?? 0,
  };
  if (raw['backing-filename']) info.backingFile = raw['backing-filename'];
  return info;
}
