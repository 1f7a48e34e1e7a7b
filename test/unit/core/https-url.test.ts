// https:// URLs for the update feed: anything else, or no URL at all, is refused.
import { describe, expect, it } from 'vitest';
import { isHttpsUrl } from '../../../src-main/core/https-url';

describe('isHttpsUrl', () => {
  it('takes an https URL', () => {
    expect(isHttpsUrl('https://releases.example.test/berth')).toBe(true);
  });

  it.each(['http://releases.example.test/berth', 'releases.example.test', 'https//x', ''])('refuses %j', (text) => {
    expect(isHttpsUrl(text)).toBe(false);
  });
});
