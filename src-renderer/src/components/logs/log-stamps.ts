// A chunk's timestamps held compactly: the engine's stamps share a width and most of their text, so only the tails are kept.
import { pack, unpack, type Packed } from './packed-strings';

/** The timestamps of a chunk's lines, read back by index ('' for a line without one). */
export interface StampColumn {
  at(j: number): string;
}

/** Stamps of one width: the prefix they all share once, then each one's rest, back to back. */
class SharedPrefixStamps implements StampColumn {
  constructor(
    private readonly prefix: string,
    private readonly rest: string,
    private readonly width: number,
  ) {}

  at(j: number): string {
    return this.prefix + this.rest.slice(j * this.width, (j + 1) * this.width);
  }
}

/** Stamps of mixed widths (or missing ones), packed as they came. */
class JoinedStamps implements StampColumn {
  private readonly packed: Packed;

  constructor(stamps: readonly string[]) {
    this.packed = pack(stamps);
  }

  at(j: number): string {
    return unpack(this.packed, j);
  }
}

/** Packs a chunk's stamps: about 16 bytes a line for the engine's own (one width, same day), instead of 35. */
export function packStamps(stamps: readonly string[]): StampColumn {
  const first = stamps[0] ?? '';
  if (first.length === 0) return new JoinedStamps(stamps);
  let shared = first.length;
  for (let i = 1; i < stamps.length; i++) {
    const stamp = stamps[i]!;
    if (stamp.length !== first.length) return new JoinedStamps(stamps);
    let n = 0;
    while (n < shared && stamp.charCodeAt(n) === first.charCodeAt(n)) n++;
    shared = n;
  }
  const rest = stamps.map((s) => s.slice(shared)).join('');
  return new SharedPrefixStamps(first.slice(0, shared), rest, first.length - shared);
}
