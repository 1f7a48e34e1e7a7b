// The network forms' validation as typed: IPv4 and CIDR parsing, subnet / gateway / range rules, fixed addresses, aliases.
import { describe, expect, it } from 'vitest';
import {
  contains,
  containsCidr,
  formatIPv4,
  parseCidr,
  parseIPv4,
} from '../../../src-renderer/src/components/networks/ipv4';
import {
  fixedAddressError,
  networkFormErrors,
  networkNameError,
  parseAliases,
  type NetworkFormFields,
} from '../../../src-renderer/src/components/networks/network-form';

const fields = (extra: Partial<NetworkFormFields> = {}): NetworkFormFields => ({
  name: 'backend',
  driver: 'bridge',
  subnet: '',
  gateway: '',
  ipRange: '',
  parent: '',
  ...extra,
});

describe('ipv4', () => {
  it('parses and formats addresses', () => {
    expect(parseIPv4('10.1.2.3')).toBe(10 * 2 ** 24 + 1 * 2 ** 16 + 2 * 256 + 3);
    expect(parseIPv4('255.255.255.255')).toBe(2 ** 32 - 1);
    expect(formatIPv4(parseIPv4('172.28.0.1')!)).toBe('172.28.0.1');
    expect(parseIPv4('10.1.2')).toBeUndefined();
    expect(parseIPv4('10.1.2.256')).toBeUndefined();
    expect(parseIPv4('::1')).toBeUndefined();
  });

  it('parses CIDR blocks and says when host bits are set', () => {
    expect(parseCidr('10.1.2.0/24')).toEqual({ network: parseIPv4('10.1.2.0'), prefix: 24, exact: true });
    expect(parseCidr('10.1.2.9/24')).toMatchObject({ network: parseIPv4('10.1.2.0'), exact: false });
    expect(parseCidr('0.0.0.0/0')).toMatchObject({ network: 0, prefix: 0, exact: true });
    expect(parseCidr('10.1.2.0/33')).toBeUndefined();
    expect(parseCidr('10.1.2.0')).toBeUndefined();
    expect(parseCidr('10.1.2.0/')).toBeUndefined();
  });

  it('tells whether an address or a block lies inside a block', () => {
    const net = parseCidr('10.1.2.0/24')!;
    expect(contains(net, parseIPv4('10.1.2.255')!)).toBe(true);
    expect(contains(net, parseIPv4('10.1.3.0')!)).toBe(false);
    expect(containsCidr(net, parseCidr('10.1.2.128/25')!)).toBe(true);
    expect(containsCidr(net, parseCidr('10.1.0.0/16')!)).toBe(false);
    expect(containsCidr(net, parseCidr('10.1.3.0/25')!)).toBe(false);
  });
});

describe('networkNameError', () => {
  it('follows the engine rules and refuses built-in and taken names', () => {
    expect(networkNameError('backend', new Set())).toBeUndefined();
    expect(networkNameError('', new Set())).toBe('Give the network a name');
    expect(networkNameError('a', new Set())).toMatch(/2\+ characters/);
    expect(networkNameError('-x', new Set())).toMatch(/starting with a letter or digit/);
    expect(networkNameError('has space', new Set())).toMatch(/letters, digits/);
    expect(networkNameError('bridge', new Set())).toBe('"bridge" is a built-in network');
    expect(networkNameError('web', new Set(['web']))).toBe('A network named "web" already exists');
  });
});

describe('networkFormErrors', () => {
  it('accepts a bare name and a complete, consistent subnet', () => {
    expect(networkFormErrors(fields(), new Set())).toEqual({});
    expect(
      networkFormErrors(
        fields({ subnet: '172.28.0.0/16', gateway: '172.28.0.1', ipRange: '172.28.5.0/24' }),
        new Set(),
      ),
    ).toEqual({});
  });

  it('refuses a malformed subnet, one with host bits, and one too small for containers', () => {
    expect(networkFormErrors(fields({ subnet: '172.28.0.0' }), new Set()).subnet).toMatch(/CIDR form/);
    expect(networkFormErrors(fields({ subnet: '10.1.2.3/24' }), new Set()).subnet).toBe(
      'Start at the network address: 10.1.2.0/24',
    );
    expect(networkFormErrors(fields({ subnet: '10.1.2.0/31' }), new Set()).subnet).toMatch(/no room/);
  });

  it('refuses a gateway or range without a subnet', () => {
    expect(networkFormErrors(fields({ gateway: '10.0.0.1' }), new Set())).toEqual({
      gateway: 'A gateway needs a subnet',
    });
    expect(networkFormErrors(fields({ ipRange: '10.0.0.0/25' }), new Set())).toEqual({
      ipRange: 'An IP range needs a subnet',
    });
  });

  it('refuses a gateway outside the subnet or on its network or broadcast address', () => {
    const subnet = '10.1.2.0/24';
    expect(networkFormErrors(fields({ subnet, gateway: '10.1.3.1' }), new Set()).gateway).toBe(
      'Must lie inside 10.1.2.0/24',
    );
    expect(networkFormErrors(fields({ subnet, gateway: '10.1.2.0' }), new Set()).gateway).toMatch(/network address/);
    expect(networkFormErrors(fields({ subnet, gateway: '10.1.2.255' }), new Set()).gateway).toMatch(/broadcast/);
    expect(networkFormErrors(fields({ subnet, gateway: '10.1.2' }), new Set()).gateway).toMatch(/IPv4 address/);
  });

  it('refuses a range outside the subnet or not starting on its block', () => {
    const subnet = '10.1.2.0/24';
    expect(networkFormErrors(fields({ subnet, ipRange: '10.1.0.0/16' }), new Set()).ipRange).toBe(
      'Must lie inside 10.1.2.0/24',
    );
    expect(networkFormErrors(fields({ subnet, ipRange: '10.1.2.5/25' }), new Set()).ipRange).toMatch(
      /first address: 10.1.2.0\/25/,
    );
    expect(networkFormErrors(fields({ subnet, ipRange: 'x' }), new Set()).ipRange).toMatch(/CIDR block/);
  });

  it('checks the parent interface only for macvlan and ipvlan', () => {
    expect(networkFormErrors(fields({ driver: 'macvlan', parent: 'eth0.10' }), new Set())).toEqual({});
    expect(networkFormErrors(fields({ driver: 'ipvlan', parent: 'bad name' }), new Set()).parent).toMatch(/eth0/);
    expect(networkFormErrors(fields({ driver: 'bridge', parent: 'bad name' }), new Set())).toEqual({});
  });
});

describe('fixedAddressError', () => {
  const subnets = ['10.1.2.0/24'];
  const gateways = ['10.1.2.1'];

  it('accepts nothing (the engine picks) and a free address inside the subnet', () => {
    expect(fixedAddressError('', subnets, gateways)).toBeUndefined();
    expect(fixedAddressError('10.1.2.10', subnets, gateways)).toBeUndefined();
  });

  it('refuses addresses outside, reserved, the gateway, or on a network without a subnet', () => {
    expect(fixedAddressError('10.1.3.10', subnets, gateways)).toBe('Must lie inside 10.1.2.0/24');
    expect(fixedAddressError('10.1.2.1', subnets, gateways)).toBe("That is the network's gateway");
    expect(fixedAddressError('10.1.2.255', subnets, gateways)).toMatch(/broadcast/);
    expect(fixedAddressError('10.1.2.0', subnets, gateways)).toMatch(/network address/);
    expect(fixedAddressError('nope', subnets, gateways)).toMatch(/IPv4 address/);
    expect(fixedAddressError('10.1.2.10', [], [])).toMatch(/no IPv4 subnet/);
  });
});

describe('parseAliases', () => {
  it('splits on spaces and commas and refuses names DNS would not take', () => {
    expect(parseAliases(' db, primary  cache ')).toEqual({ aliases: ['db', 'primary', 'cache'] });
    expect(parseAliases('')).toEqual({ aliases: [] });
    expect(parseAliases('ok bad! also').error).toMatch(/"bad!"/);
  });
});
