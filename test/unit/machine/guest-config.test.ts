import { describe, expect, it } from 'vitest';
import { formatGuestConfig, guestDaemonJson } from '../../../src-main/machine/guest-config';

describe('formatGuestConfig', () => {
  it('writes KEY=value lines in a fixed order, one SHARE line per shared folder in tag order', () => {
    expect(formatGuestConfig({ hostname: 'berth', shares: ['/home/alice', '/srv/data'] })).toBe(
      'HOSTNAME=berth\nSHARE=/home/alice\nSHARE=/srv/data\n',
    );
  });

  it('leaves out what is not set', () => {
    expect(formatGuestConfig({ hostname: 'berth' })).toBe('HOSTNAME=berth\n');
    expect(formatGuestConfig({ hostname: 'berth', shares: [] })).toBe('HOSTNAME=berth\n');
  });

  it('keeps spaces, non-ASCII letters, = and quotes literally', () => {
    expect(
      formatGuestConfig({
        hostname: 'berth',
        shares: ['/home/Zoë Martín', '/Volumes/My Disk/日本 "x"', "/srv/a=b/it's $HOME"],
      }),
    ).toBe('HOSTNAME=berth\nSHARE=/home/Zoë Martín\nSHARE=/Volumes/My Disk/日本 "x"\nSHARE=/srv/a=b/it\'s $HOME\n');
  });

  it.each(['/home/a\nHOSTNAME=evil', '/home/a\r', '/home/\0'])(
    'refuses a folder with a line break or NUL: %j',
    (path) => {
      expect(() => formatGuestConfig({ hostname: 'berth', shares: ['/ok', path] })).toThrow(
        `SHARE cannot contain a line break or NUL: ${JSON.stringify(path)}`,
      );
    },
  );

  it.each(['', 'berth_vm', '-berth', 'a'.repeat(64)])('refuses the hostname %j', (hostname) => {
    expect(() => formatGuestConfig({ hostname })).toThrow(
      `HOSTNAME must be letters, digits and inner hyphens (at most 63), got "${hostname}"`,
    );
  });
});

describe('guestDaemonJson', () => {
  it.each(['{}', '{}\n', ' \n{ }\t\n'])('sends nothing for an empty object: %j', (source) => {
    expect(guestDaemonJson(source)).toBeUndefined();
  });

  it('sends the text as the user wrote it when it has a key', () => {
    const source = '{\n  "labels": ["berth-test=1"],\n  "log-level": "warn"\n}\n';
    expect(guestDaemonJson(source)).toBe(source);
  });

  it.each([
    ['[]', 'engine.daemonJson must be a JSON object'],
    ['null', 'engine.daemonJson must be a JSON object'],
    ['"x"', 'engine.daemonJson must be a JSON object'],
    ['{"a": ', 'engine.daemonJson is not valid JSON'],
  ])('refuses %j', (source, message) => {
    expect(() => guestDaemonJson(source)).toThrow(message);
  });
});
