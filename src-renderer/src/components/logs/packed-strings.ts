// Many strings as one: joined with "\n", with the offset where each starts (no object per string).
/** Strings joined with "\n" and their start offsets: string i is text.slice(starts[i], starts[i + 1] - 1). */
export interface Packed {
  text: string;
  starts: Uint32Array;
}

export function pack(strings: readonly string[]): Packed {
  const starts = new Uint32Array(strings.length + 1);
  let at = 0;
  for (let i = 0; i < strings.length; i++) {
    starts[i] = at;
    at += strings[i]!.length + 1;
  }
  starts[strings.length] = at;
  return { text: strings.join('\n'), starts };
}

export const unpack = (p: Packed, i: number): string => p.text.slice(p.starts[i], p.starts[i + 1]! - 1);
