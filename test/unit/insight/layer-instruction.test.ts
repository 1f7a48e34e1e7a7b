// The instruction behind each layer from an image config's history: empty layers skipped, the classic builder's
// wrapping and BuildKit's "# buildkit" mark taken off, "" past the history's end.
import { describe, expect, it } from 'vitest';
import { historyOfLayers, instructionOf } from '../../../src-main/insight/layer-instruction';

describe('instructionOf', () => {
  it("takes off the classic builder's wrapping and BuildKit's mark", () => {
    expect(instructionOf('/bin/sh -c #(nop) COPY file:0123abcd in /app/package-lock.json ')).toBe(
      'COPY file:0123abcd in /app/package-lock.json',
    );
    expect(instructionOf('/bin/sh -c #(nop)WORKDIR /app')).toBe('WORKDIR /app');
    expect(instructionOf('/bin/sh -c rm /a.bin')).toBe('RUN rm /a.bin');
    expect(instructionOf('/bin/sh -c set -e;\n  make')).toBe('RUN set -e;\n  make');
    expect(instructionOf('COPY one.txt /data/ # buildkit')).toBe('COPY one.txt /data/');
    expect(instructionOf('RUN /bin/sh -c apk add curl # buildkit')).toBe('RUN /bin/sh -c apk add curl');
    expect(instructionOf('')).toBe('');
  });
});

describe('historyOfLayers', () => {
  it('gives each layer its history entry, skipping empty layers, none past the end', () => {
    const history = [
      { created_by: '' },
      { created_by: '/bin/sh -c #(nop)  ENV PATH=/bin', empty_layer: true },
      { created_by: '/bin/sh -c #(nop) COPY file:0123abcd in /app/package-lock.json ' },
      { created_by: '/bin/sh -c rm /app/x' },
      { created_by: 'RUN /bin/sh -c apk add curl # buildkit' },
    ];
    const layers = historyOfLayers(history, 5);
    expect(layers.map((entry) => entry && instructionOf(entry.created_by ?? ''))).toEqual([
      '',
      'COPY file:0123abcd in /app/package-lock.json',
      'RUN rm /app/x',
      'RUN /bin/sh -c apk add curl',
      undefined,
    ]);
    expect(historyOfLayers(undefined, 2)).toEqual([undefined, undefined]);
  });
});
