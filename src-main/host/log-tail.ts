// The end of a log file (its last lines within a byte budget), read without loading the whole file.
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { LogTail } from '../contract/dto/machine';

export type { LogTail } from '../contract/dto/machine';

/** Bytes `tailLog` reads from the end of a file unless told otherwise: 1 MiB. */
export const DEFAULT_TAIL_BYTES = 1024 * 1024;

const NEWLINE = 0x0a;

export interface TailOptions {
  /** Most lines to keep (the last ones); `Infinity` for no limit. */
  maxLines: number;
  /** Most bytes to read from the end of the file; default `DEFAULT_TAIL_BYTES` (1 MiB). */
  maxBytes?: number;
}

/**
 * The last `maxLines` lines of the file at `path` within its last `maxBytes` bytes. Only that end
 * is read. A line cut by the byte budget is dropped (unless it is the only one, whose end is kept),
 * so the text never starts mid-line or mid-character; an incomplete UTF-8 character at the very
 * end (a write in progress) is left out too.
 * @returns `missing: true` and empty text when the file does not exist.
 * @throws Error naming `path` when the file exists but cannot be read.
 */
export async function tailLog(
  path: string,
  { maxLines, maxBytes = DEFAULT_TAIL_BYTES }: TailOptions,
): Promise<LogTail> {
  if (!(maxLines >= 0) || !(Number.isInteger(maxLines) || maxLines === Infinity)) {
    throw new RangeError(`maxLines must be a whole number, 0 or more, got ${maxLines}`);
  }
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new RangeError(`maxBytes must be a whole number of bytes, at least 1, got ${maxBytes}`);
  }
  let window: { bytes: Buffer; cut: boolean };
  try {
    window = await readEnd(path, maxBytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { text: '', lines: 0, truncated: false, missing: true, path };
    }
    throw new Error(`could not read the log ${path}: ${(error as Error).message}`, { cause: error });
  }
  return { ...splitTail(window.bytes, window.cut, maxLines), missing: false, path };
}

/**
 * The file's last `maxBytes` bytes, plus the byte before them when there is one (so a cut exactly
 * at a line start is recognised). `cut` says whether the file has bytes before the window.
 */
async function readEnd(path: string, maxBytes: number): Promise<{ bytes: Buffer; cut: boolean }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - maxBytes - 1);
    const bytes = Buffer.alloc(size - start);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, start + filled);
      if (bytesRead === 0) break; // the file shrank while we read
      filled += bytesRead;
    }
    return { bytes: bytes.subarray(0, filled), cut: size > maxBytes };
  } finally {
    await handle.close();
  }
}

/** Lines from `bytes` (the end of a file; `cut`: it starts with the byte before the budget). */
function splitTail(bytes: Buffer, cut: boolean, maxLines: number): Pick<LogTail, 'text' | 'lines' | 'truncated'> {
  let body = bytes;
  if (cut) {
    // bytes[0] is the byte before the budget: it only tells whether the first line starts at the budget.
    const firstNewline = bytes.indexOf(NEWLINE);
    const cutLineIsTheOnlyOne = firstNewline < 0 || firstNewline === bytes.length - 1;
    body = cutLineIsTheOnlyOne
      ? bytes.subarray(skipContinuationBytes(bytes, 1)) // keep the end of the one long line
      : bytes.subarray(firstNewline + 1);
  }
  const decoded = new StringDecoder('utf8').write(body);
  const endsWithNewline = decoded.endsWith('\n');
  let lines = decoded === '' ? [] : decoded.split(/\r?\n/);
  if (endsWithNewline) lines.pop();
  let truncated = cut;
  if (lines.length > maxLines) {
    lines = maxLines === 0 ? [] : lines.slice(-maxLines);
    truncated = true;
  }
  const text = lines.length === 0 ? '' : lines.join('\n') + (endsWithNewline ? '\n' : '');
  return { text, lines: lines.length, truncated };
}

/** The first offset from `from` that does not hold a UTF-8 continuation byte (10xxxxxx). */
function skipContinuationBytes(bytes: Buffer, from: number): number {
  let offset = from;
  while (offset < bytes.length && ((bytes[offset] ?? 0) & 0xc0) === 0x80) offset += 1;
  return offset;
}
