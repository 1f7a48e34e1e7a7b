// The Link header registries page catalogues and tag lists with: where the next page starts.
import { describe, expect, it } from 'vitest';
import { nextPageAfter } from '../../../src-main/registries/link-header';

describe('nextPageAfter', () => {
  it("reads distribution's link, with quotes inside the brackets or without", () => {
    expect(nextPageAfter('</v2/_catalog?last=team%2Fapp&n=2>; rel="next"')).toBe('team/app');
    expect(nextPageAfter('<"/v2/_catalog?n=2&last=b">; rel="next"')).toBe('b');
    expect(nextPageAfter('<https://r.example.com/v2/x/tags/list?last=v1.2&n=100>; rel=next')).toBe('v1.2');
  });

  it('picks the next link among several', () => {
    expect(nextPageAfter('</v2/_catalog?last=a>; rel="prev", </v2/_catalog?last=z&n=5>; rel="next"')).toBe('z');
  });

  it('has no next page without a link, without rel=next, or without a last value', () => {
    expect(nextPageAfter(undefined)).toBeUndefined();
    expect(nextPageAfter('')).toBeUndefined();
    expect(nextPageAfter('</v2/_catalog?last=a>; rel="prev"')).toBeUndefined();
    expect(nextPageAfter('</v2/_catalog?n=5>; rel="next"')).toBeUndefined();
    expect(nextPageAfter('garbage')).toBeUndefined();
  });
});
