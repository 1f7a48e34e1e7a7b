// Go build information in a Go binary (Go 1.18+): the "\xff Go buildinf:" header, then the Go version and the module
// info ("path", "mod", "dep", "=>" lines) as length-prefixed strings. Found by scanning the binary as it streams past.
import type { FoundPackage } from './found-package';

const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const HEADER_BYTES = 32;
const FLAG_INLINE_STRINGS = 0x2;
/** The module info carries a 16-byte sentinel on each side. */
const SENTINEL_BYTES = 16;
/** What is kept after the header: the version and module info of even a large program fit. */
const MAX_BLOB_BYTES = 1024 * 1024;

/** Reads a uvarint at `offset`; undefined past the end. */
function uvarint(blob: Buffer, offset: number): { value: number; next: number } | undefined {
  let value = 0;
  let shift = 0;
  for (let i = offset; i < blob.length && shift < 35; i++) {
    const byte = blob[i] ?? 0;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return { value, next: i + 1 };
    shift += 7;
  }
  return undefined;
}

function lengthPrefixed(blob: Buffer, offset: number): { bytes: Buffer; next: number } | undefined {
  const length = uvarint(blob, offset);
  if (!length || length.next + length.value > blob.length) return undefined;
  return { bytes: blob.subarray(length.next, length.next + length.value), next: length.next + length.value };
}

/** The Go version ("go1.22.1") and module info of a blob starting at the magic; undefined for the pre-1.18 format. */
export function readGoBuildInfo(blob: Buffer): { goVersion: string; modInfo: string } | undefined {
  if (blob.length < HEADER_BYTES || !blob.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  if (((blob[MAGIC.length + 1] ?? 0) & FLAG_INLINE_STRINGS) === 0) return undefined;
  const version = lengthPrefixed(blob, HEADER_BYTES);
  if (!version) return undefined;
  const mod = lengthPrefixed(blob, version.next)?.bytes;
  const modInfo =
    mod && mod.length >= 2 * SENTINEL_BYTES ? mod.toString('utf8', SENTINEL_BYTES, mod.length - SENTINEL_BYTES) : '';
  return { goVersion: version.bytes.toString('utf8'), modInfo };
}

/** The main module, its dependencies (a replacement's version where one is given) and the standard library. */
export function goModulePackages(info: { goVersion: string; modInfo: string }): FoundPackage[] {
  const found: FoundPackage[] = [];
  if (/^go\d/.test(info.goVersion))
    found.push({ name: 'stdlib', version: info.goVersion.slice(2).split(/\s/)[0] ?? '', ecosystem: 'Go' });
  for (const line of info.modInfo.split('\n')) {
    const [kind, path, version] = line.split('\t');
    if ((kind === 'mod' || kind === 'dep') && path && version && version !== '(devel)')
      found.push({ name: path, version, ecosystem: 'Go' });
    else if (kind === '=>' && path && version && /^v\d/.test(version)) {
      const replaced = found.pop();
      if (replaced) found.push({ ...replaced, name: path, version });
    }
  }
  return found;
}

/**
 * Where the header starts in `window`, skipping mentions of the magic that are not a header (the Go toolchain's own
 * debug/buildinfo package carries it as a constant): a header has a pointer size of 4 or 8 and inline strings.
 */
function headerAt(window: Buffer): { at: number; certain: boolean } | undefined {
  for (let at = window.indexOf(MAGIC); at >= 0; at = window.indexOf(MAGIC, at + 1)) {
    if (window.length < at + MAGIC.length + 2) return { at, certain: false };
    const pointerSize = window[at + MAGIC.length];
    const flags = window[at + MAGIC.length + 1] ?? 0;
    if ((pointerSize === 4 || pointerSize === 8) && flags & FLAG_INLINE_STRINGS) return { at, certain: true };
  }
  return undefined;
}

/** Fed a file's bytes chunk by chunk; keeps at most MAX_BLOB_BYTES once the header shows up. */
export class GoBuildInfoScanner {
  private carry = Buffer.alloc(0);
  private blob: Buffer[] | undefined;
  private blobBytes = 0;

  push(chunk: Buffer): void {
    if (this.blob) {
      this.keep(chunk);
      return;
    }
    const window = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const header = headerAt(window);
    if (header?.certain) {
      this.blob = [];
      this.keep(window.subarray(header.at));
      return;
    }
    // A magic too near the end to tell: decided when the next bytes arrive.
    if (header) {
      this.carry = Buffer.from(window.subarray(header.at));
      return;
    }
    this.carry = Buffer.from(window.subarray(Math.max(0, window.length - MAGIC.length + 1)));
  }

  /** Whether enough has been kept: the rest of the file can be skipped. */
  get done(): boolean {
    return this.blobBytes >= MAX_BLOB_BYTES;
  }

  packages(): FoundPackage[] {
    if (!this.blob) return [];
    const info = readGoBuildInfo(Buffer.concat(this.blob));
    return info ? goModulePackages(info) : [];
  }

  private keep(chunk: Buffer): void {
    const room = MAX_BLOB_BYTES - this.blobBytes;
    if (room <= 0) return;
    const part = chunk.subarray(0, room);
    this.blob?.push(Buffer.from(part));
    this.blobBytes += part.length;
  }
}
