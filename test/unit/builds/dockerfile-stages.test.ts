// Stage names from a Dockerfile's FROM lines, for the target field.
import { describe, expect, it } from 'vitest';
import { dockerfileStages } from '../../../src-main/insight/dockerfile-stages';

describe('dockerfileStages', () => {
  it('lists named stages in order, once each, whatever the keyword case', () => {
    const text = 'ARG V=1\nFROM busybox:$V AS base\nRUN x\nfrom base as Build\nFROM scratch\nCOPY --from=Build / /\n';
    expect(dockerfileStages(text)).toEqual(['base', 'Build']);
  });

  it('has none for a Dockerfile without names, or an empty one', () => {
    expect(dockerfileStages('FROM busybox\n')).toEqual([]);
    expect(dockerfileStages('')).toEqual([]);
  });
});
