// Recognises a tar archive by its first 512-byte header block (checksum), before any of it is used.

/** Bytes in a tar header block. */
export const TAR_BLOCK = 512;
const CHECKSUM_OFFSET = 148;
const CHECKSUM_LENGTH = 8;
const SPACE = 0x20;

/**
 * True when `block` (at least 512 bytes; only the first 512 count) is a tar header whose checksum
 * matches, or the all-zero block that ends (and so makes up) an empty archive.
 */
export function isTarHeaderBlock(block: Uint8Array): boolean {
  if (block.length < TAR_BLOCK) return false;
  const header = block.subarray(0, TAR_BLOCK);
  if (header.every((byte) => byte === 0)) return true;
  const field = String.fromCharCode(...header.subarray(CHECKSUM_OFFSET, CHECKSUM_OFFSET + CHECKSUM_LENGTH))
    .replace(/[\0 ]+$/, '')
    .replace(/^ +/, '');
  if (!/^[0-7]{1,7}$/.test(field)) return false;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < TAR_BLOCK; i++) {
    const byte = i >= CHECKSUM_OFFSET && i < CHECKSUM_OFFSET + CHECKSUM_LENGTH ? SPACE : (header[i] as number);
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  // Some old tars summed signed bytes; both are accepted, as GNU tar does.
  const stored = parseInt(field, 8);
  return stored === unsigned || stored === signed;
}
