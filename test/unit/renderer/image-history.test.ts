// Image history: the Dockerfile instruction behind each layer, from classic-builder and BuildKit records.
import { describe, expect, it } from 'vitest';
import { instructionOf, isMissingLayer } from '../../../src-renderer/src/components/images/history';

const of = (createdBy: string, comment = '') => instructionOf({ createdBy, comment });

describe('instructionOf', () => {
  it('strips the classic builder’s no-op shell wrapper', () => {
    expect(of('/bin/sh -c #(nop)  CMD ["cat" "/layer"]')).toBe('CMD ["cat" "/layer"]');
    expect(of('/bin/sh -c #(nop) WORKDIR /app')).toBe('WORKDIR /app');
    expect(
      of('/bin/sh -c #(nop) ADD file:4b03b5f551e3fbdf47ec609712007327828f7530cc3455c43bbcdcaf449a75a9 in / '),
    ).toBe('ADD file:4b03b5f551e3fbdf47ec609712007327828f7530cc3455c43bbcdcaf449a75a9 in /');
  });

  it('shows shell commands as RUN, without build-argument prefixes', () => {
    expect(of('/bin/sh -c echo layered > /layer')).toBe('RUN echo layered > /layer');
    expect(of('|1 GREETING=hello /bin/sh -c echo "$GREETING" > /greeting')).toBe('RUN echo "$GREETING" > /greeting');
    expect(of('|2 A=1 B= /bin/sh -c make')).toBe('RUN make');
  });

  it('reads BuildKit records', () => {
    expect(of('RUN /bin/sh -c apk add curl # buildkit')).toBe('RUN apk add curl');
    expect(of('RUN |1 V=2 /bin/sh -c echo $V # buildkit')).toBe('RUN echo $V');
    expect(of('COPY . /app # buildkit')).toBe('COPY . /app');
    expect(of('ENV PATH=/bin')).toBe('ENV PATH=/bin');
  });

  it('falls back to the comment for imported layers', () => {
    expect(of('', 'Imported from -')).toBe('Imported from -');
    expect(of('  ', '')).toBe('');
  });
});

describe('isMissingLayer', () => {
  it('knows the engine’s marker for layers built elsewhere', () => {
    expect(isMissingLayer({ id: '<missing>' })).toBe(true);
    expect(isMissingLayer({ id: 'sha256:abc' })).toBe(false);
  });
});
