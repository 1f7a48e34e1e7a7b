import { describe, it, expect } from 'vitest';
import { parseExposedPort, parsePortSpec, type PortBinding } from '../../../src-main/core/port-spec';
import { ParseError } from '../../../src-main/core/parse-error';

const tcp = (containerPort: number, hostPort = '', hostIp = ''): PortBinding => ({
  containerPort,
  protocol: 'tcp',
  hostIp,
  hostPort,
});

describe('parsePortSpec', () => {
  it.each<[string, PortBinding[]]>([
    ['80', [tcp(80)]],
    ['80/tcp', [tcp(80)]],
    ['80/', [tcp(80)]],
    ['53/udp', [{ containerPort: 53, protocol: 'udp', hostIp: '', hostPort: '' }]],
    ['53/UDP', [{ containerPort: 53, protocol: 'udp', hostIp: '', hostPort: '' }]],
    ['9/sctp', [{ containerPort: 9, protocol: 'sctp', hostIp: '', hostPort: '' }]],
    ['8080:80', [tcp(80, '8080')]],
    [':80', [tcp(80)]],
    ['8080:80/udp', [{ containerPort: 80, protocol: 'udp', hostIp: '', hostPort: '8080' }]],
    ['127.0.0.1:8080:80', [tcp(80, '8080', '127.0.0.1')]],
    ['127.0.0.1::80', [tcp(80, '', '127.0.0.1')]],
    ['0.0.0.0:443:443/tcp', [tcp(443, '443', '0.0.0.0')]],
    ['[::1]:8080:80', [tcp(80, '8080', '::1')]],
    ['[::]::80', [tcp(80, '', '::')]],
    ['::1:8080:80', [tcp(80, '8080', '::1')]],
    ['[2001:db8::1]:1:65535', [tcp(65535, '1', '2001:db8::1')]],
    ['8000-8002:9000-9002', [tcp(9000, '8000'), tcp(9001, '8001'), tcp(9002, '8002')]],
    [
      '127.0.0.1:8000-8001:9000-9001/udp',
      [
        { containerPort: 9000, protocol: 'udp', hostIp: '127.0.0.1', hostPort: '8000' },
        { containerPort: 9001, protocol: 'udp', hostIp: '127.0.0.1', hostPort: '8001' },
      ],
    ],
    ['8000-8010:80', [tcp(80, '8000-8010')]],
    ['8000-8000:80', [tcp(80, '8000')]],
    ['7000-7002', [tcp(7000), tcp(7001), tcp(7002)]],
    ['7000-7000', [tcp(7000)]],
    ['080:0080', [tcp(80, '80')]],
  ])('parses %s', (spec, expected) => {
    expect(parsePortSpec(spec)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['', 'no container port given'],
    ['abc', 'container port "abc" must be a number from 1 to 65535'],
    ['0', 'container port "0" must be a number from 1 to 65535'],
    ['65536', 'container port "65536" must be a number from 1 to 65535'],
    ['-1', 'container port range "-1" must be two numbers from 1 to 65535 joined by "-"'],
    ['0-5', 'container port range "0-5" must be two numbers from 1 to 65535 joined by "-"'],
    ['5-70000', 'container port range "5-70000" must be two numbers from 1 to 65535 joined by "-"'],
    ['x-y:80', 'host port range "x-y" must be two numbers from 1 to 65535 joined by "-"'],
    ['+80', 'container port "+80" must be a number from 1 to 65535'],
    ['8080:', 'no container port given'],
    ['/udp', 'no container port given'],
    ['80/icmp', 'protocol "icmp" must be tcp, udp or sctp'],
    ['0:80', 'host port "0" must be a number from 1 to 65535'],
    ['x:80', 'host port "x" must be a number from 1 to 65535'],
    ['70000:80', 'host port "70000" must be a number from 1 to 65535'],
    ['1.2.3:80:80', '"1.2.3" is not an IP address'],
    ['localhost:80:80', '"localhost" is not an IP address'],
    ['[::1:80:80', '"[::1" is not an IP address'],
    ['9002-9000', 'container port range "9002-9000" ends before it starts'],
    ['8002-8000:80', 'host port range "8002-8000" ends before it starts'],
    ['1-2-3', 'container port range "1-2-3" must be two numbers from 1 to 65535 joined by "-"'],
    ['8000-8001:9000-9002', 'host range "8000-8001" and container range "9000-9002" must have the same length'],
    ['8000:9000-9002', 'host range "8000" and container range "9000-9002" must have the same length'],
  ])('rejects %j', (spec, reason) => {
    expect(() => parsePortSpec(spec)).toThrow(new ParseError(`invalid port spec "${spec}": ${reason}`));
  });

  it('throws ParseError instances', () => {
    expect(() => parsePortSpec('abc')).toThrow(ParseError);
  });
});

describe('parseExposedPort', () => {
  it.each<[string, { port: number; protocol: 'tcp' | 'udp' | 'sctp' }]>([
    ['80/tcp', { port: 80, protocol: 'tcp' }],
    ['53/udp', { port: 53, protocol: 'udp' }],
    ['132/sctp', { port: 132, protocol: 'sctp' }],
    ['80', { port: 80, protocol: 'tcp' }],
    ['65535/TCP', { port: 65535, protocol: 'tcp' }],
  ])('parses %s', (key, expected) => {
    expect(parseExposedPort(key)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['', 'no container port given'],
    ['abc/tcp', 'port "abc" must be a number from 1 to 65535'],
    ['0/tcp', 'port "0" must be a number from 1 to 65535'],
    ['80-81/tcp', 'port "80-81" must be a number from 1 to 65535'],
    ['80/xyz', 'protocol "xyz" must be tcp, udp or sctp'],
    ['/tcp', 'no container port given'],
  ])('rejects %j', (key, reason) => {
    expect(() => parseExposedPort(key)).toThrow(new ParseError(`invalid exposed port "${key}": ${reason}`));
  });
});
