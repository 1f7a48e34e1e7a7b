import { describe, expect, it } from 'vitest';
import { isTarHeaderBlock, TAR_BLOCK } from '../../../src-main/core/tar-header';

/** A ustar header for `name` with a correct checksum written as tar does ("0012345\0 "). */
function header(name: string): Uint8Array {
  const block = new Uint8Array(TAR_BLOCK);
  const put = (offset: number, text: string) => block.set(new TextEncoder().encode(text), offset);
  put(0, name);
  put(100, '0000644\0');
  put(124, '00000000005\0');
  put(156, '0');
  put(257, 'ustar\0');
  put(263, '00');
  block.fill(0x20, 148, 156);
  const sum = block.reduce((total, byte) => total + byte, 0);
  put(148, `${sum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

describe('isTarHeaderBlock', () => {
  it('accepts a header with a matching checksum, and the zero block of an empty archive', () => {
    expect(isTarHeaderBlock(header('./file.txt'))).toBe(true);
    expect(isTarHeaderBlock(new Uint8Array(TAR_BLOCK * 2))).toBe(true);
  });

  it('refuses a changed header, text, a short block and a bad checksum field', () => {
    const changed = header('./file.txt');
    changed[0] = 'X'.charCodeAt(0);
    expect(isTarHeaderBlock(changed)).toBe(false);
    expect(isTarHeaderBlock(new TextEncoder().encode('hello world\n'.repeat(100)))).toBe(false);
    expect(isTarHeaderBlock(header('x').subarray(0, 511))).toBe(false);
    const garbled = header('x');
    garbled.set(new TextEncoder().encode('9x'), 148);
    expect(isTarHeaderBlock(garbled)).toBe(false);
  });
});
