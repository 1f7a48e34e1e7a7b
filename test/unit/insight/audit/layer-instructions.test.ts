import { describe, expect, it } from 'vitest';
import { layerInstructions } from '../../../../src-main/insight/audit/layer-instructions';

describe('layerInstructions', () => {
  it("gives each layer its history entry's instruction, skipping empty layers and the classic builder's wrapping", () => {
    const history = [
      { created_by: '' },
      { created_by: '/bin/sh -c #(nop)  ENV PATH=/bin', empty_layer: true },
      { created_by: '/bin/sh -c #(nop) COPY file:0123abcd in /app/package-lock.json ' },
      { created_by: '/bin/sh -c rm /app/x' },
      { created_by: 'RUN /bin/sh -c apk add curl # buildkit' },
    ];
    expect(layerInstructions(history, 5)).toEqual([
      '',
      'COPY file:0123abcd in /app/package-lock.json',
      'RUN rm /app/x',
      'RUN /bin/sh -c apk add curl # buildkit',
      '',
    ]);
  });
});
