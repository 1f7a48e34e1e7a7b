// buildx's rawjson stream: pretty-printed objects back to back, split anywhere, with buildx's own lines between.
import { describe, expect, it } from 'vitest';
import { RawJsonSplitter } from '../../../src-main/builds/rawjson-splitter';

const first = { vertexes: [{ digest: 'sha256:a', name: 'x {"quoted"} }' }] };
const second = { logs: [{ vertex: 'sha256:a', data: Buffer.from('hi\n').toString('base64') }] };
const stream = `${JSON.stringify(first, null, 2)}\n${JSON.stringify(second, null, 2)}\nERROR: failed to solve: boom\n`;

describe('RawJsonSplitter', () => {
  it('finds each object and the text between them, however the stream is cut', () => {
    for (const size of [1, 3, 17, stream.length]) {
      const splitter = new RawJsonSplitter();
      const objects: unknown[] = [];
      const lines: string[] = [];
      for (let i = 0; i < stream.length; i += size) {
        const out = splitter.push(stream.slice(i, i + size));
        objects.push(...out.objects);
        lines.push(...out.lines);
      }
      lines.push(...splitter.end().lines);
      expect(objects).toEqual([first, second]);
      expect(lines).toEqual(['ERROR: failed to solve: boom']);
    }
  });

  it('gives an unfinished object back as text at the end, and a broken one as its lines', () => {
    const splitter = new RawJsonSplitter();
    const pushed = splitter.push('{"a": tru}\n{"b":');
    expect(pushed).toEqual({ objects: [], lines: ['{"a": tru}'] });
    expect(splitter.end().lines).toEqual(['{"b":']);
  });
});
