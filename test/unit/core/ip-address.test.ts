import { describe, it, expect } from 'vitest';
import { isIPv4, isIPv6 } from '../../../src-main/core/ip-address';

describe('isIPv4', () => {
  it.each(['0.0.0.0', '127.0.0.1', '255.255.255.255', '10.0.0.254', '192.168.1.1'])('accepts %s', (ip) => {
    expect(isIPv4(ip)).toBe(true);
  });

  it.each(['', '1.2.3', '1.2.3.4.5', '256.0.0.1', '01.2.3.4', '1.2.3.-4', 'a.b.c.d', ' 1.2.3.4', '1.2.3.4 ', '::1'])(
    'rejects %j',
    (ip) => {
      expect(isIPv4(ip)).toBe(false);
    },
  );
});

describe('isIPv6', () => {
  it.each([
    '::',
    '::1',
    'fe80::1',
    '2001:db8::8a2e:370:7334',
    '2001:0db8:0000:0000:0000:ff00:0042:8329',
    '1:2:3:4:5:6:7::',
    '::2:3:4:5:6:7:8',
    '::ffff:192.0.2.1',
    '64:ff9b::1.2.3.4',
    'ABCD::EF',
  ])('accepts %s', (ip) => {
    expect(isIPv6(ip)).toBe(true);
  });

  it.each([
    '',
    ':',
    ':::',
    '1::2::3',
    ':1',
    '1:',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7:8::',
    '12345::',
    'g::1',
    '[::1]',
    'fe80::1%eth0',
    '1.2.3.4',
    '::1.2.3',
    '::1.2.3.4:5',
    '1:2:3:4:5:6:7:1.2.3.4',
  ])('rejects %j', (ip) => {
    expect(isIPv6(ip)).toBe(false);
  });
});
