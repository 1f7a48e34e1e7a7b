import { describe, expect, it } from 'vitest';
import { formatGuestConfig } from '../../../src-main/machine/guest-config';

describe('formatGuestConfig', () => {
  it('writes KEY=value lines in a fixed order', () => {
    expect(formatGuestConfig({ hostname: 'berth', homeShare: '/home/alice' })).toBe(
      'HOSTNAME=berth\nHOME_SHARE=/home/alice\n',
    );
  });

  it('leaves out what is not set', () => {
    expect(formatGuestConfig({ hostname: 'berth' })).toBe('HOSTNAME=berth\n');
  });

  it('keeps spaces and non-ASCII letters literally', () => {
    expect(formatGuestConfig({ hostname: 'berth', homeShare: '/home/Zoë Martín' })).toBe(
      'HOSTNAME=berth\nHOME_SHARE=/home/Zoë Martín\n',
    );
  });

  it.each(['/home/a\nHOST_UID=0', '/home/a\r', '/home/\0'])('refuses a value with a line break or NUL: %j', (path) => {
    expect(() => formatGuestConfig({ hostname: 'berth', homeShare: path })).toThrow(
      `HOME_SHARE cannot contain a line break or NUL: ${JSON.stringify(path)}`,
    );
  });

  it.each(['', 'berth_vm', '-berth', 'a'.repeat(64)])('refuses the hostname %j', (hostname) => {
    expect(() => formatGuestConfig({ hostname })).toThrow(
      `HOSTNAME must be letters, digits and inner hyphens (at most 63), got "${hostname}"`,
    );
  });
});
