// A host bridge of its own for a private dockerd, so daemons never share docker0 or container IPs.
import { spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { findBinary } from './packages';

export interface HostBridge {
  /** Interface name, e.g. `berth-1a2b3c` (at most 15 characters). */
  name: string;
  /** The bridge's /24, e.g. `172.30.17.0/24`; the bridge itself holds `.1`. */
  subnet: string;
}

/** Subnets are /24s taken from here; engines avoid pools that overlap host routes, so they steer clear. */
const POOL_PREFIX = '172.30';

/** A new bridge name (creation happens in createBridge). */
export function newBridgeName(): string {
  return `berth-${randomBytes(3).toString('hex')}`;
}

/** Creates bridge `name` with a free /24 from 172.30.0.0/16, gateway `.1`, link up. */
export function createBridge(ip: string, name: string): HostBridge {
  const taken = routedPrefixes(ip);
  const free = Array.from({ length: 256 }, (_, i) => i).filter(
    (i) => !taken.some((prefix) => overlaps(prefix, `${POOL_PREFIX}.${i}.0/24`)),
  );
  if (free.length === 0) throw new Error(`no free /24 left in ${POOL_PREFIX}.0.0/16 for a test bridge`);
  const third = free[randomInt(free.length)] as number;
  const subnet = `${POOL_PREFIX}.${third}.0/24`;
  run(ip, ['link', 'add', 'name', name, 'type', 'bridge']);
  try {
    run(ip, ['addr', 'add', `${POOL_PREFIX}.${third}.1/24`, 'dev', name]);
    run(ip, ['link', 'set', name, 'up']);
  } catch (error) {
    spawnSync(ip, ['link', 'del', name], { stdio: 'ignore' });
    throw error;
  }
  return { name, subnet };
}

/**
 * Deletes the bridge and every iptables rule (filter and nat) that names it or an address in its
 * subnet (per-container hairpin masquerading rules name only the container address): an
 * engine leaves its rules behind when it stops, and they would pile up run after run.
 */
export function removeBridgeSync(name: string): void {
  const ip = findBinary('ip');
  const iptables = findBinary('iptables');
  const subnet = ip ? bridgeSubnet(ip, name) : undefined;
  if (ip) spawnSync(ip, ['link', 'del', name], { stdio: 'ignore' });
  if (!iptables) return;
  const inSubnet = (word: string) =>
    subnet !== undefined && /^\d+\.\d+\.\d+\.\d+\/\d+$/.test(word) && overlaps(word, subnet) && cidrLength(word) >= 24;
  const mentions = (rule: string) => rule.split(' ').some((word) => word === name || inSubnet(word));
  for (const table of ['filter', 'nat']) {
    const listing = spawnSync(iptables, ['-w', '-t', table, '-S'], { encoding: 'utf8' });
    if (listing.status !== 0) continue;
    for (const rule of listing.stdout.split('\n')) {
      if (!rule.startsWith('-A ') || !mentions(rule)) continue;
      const args = rule.slice(3).split(' ').filter(Boolean);
      spawnSync(iptables, ['-w', '-t', table, '-D', ...args], { stdio: 'ignore' });
    }
  }
}

/** The /24 holding the bridge's address, e.g. `172.30.17.0/24`. */
function bridgeSubnet(ip: string, name: string): string | undefined {
  const out = spawnSync(ip, ['-4', '-o', 'addr', 'show', 'dev', name], { encoding: 'utf8' }).stdout ?? '';
  const match = /inet (\d+\.\d+\.\d+)\.\d+\/24/.exec(out);
  return match ? `${match[1]}.0/24` : undefined;
}

function cidrLength(cidr: string): number {
  return parseCidr(cidr)[1];
}

/** IPv4 prefixes of the host's routes, e.g. `172.17.0.0/16` (a bare address counts as /32). */
function routedPrefixes(ip: string): string[] {
  const out = spawnSync(ip, ['-4', '-o', 'route', 'show', 'table', 'all'], { encoding: 'utf8' }).stdout ?? '';
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .map((words) => (['local', 'broadcast', 'unicast'].includes(words[0] ?? '') ? words[1] : words[0]))
    .filter((dest): dest is string => dest !== undefined && /^\d+\.\d+\.\d+\.\d+(\/\d+)?$/.test(dest))
    .map((dest) => (dest.includes('/') ? dest : `${dest}/32`));
}

function overlaps(a: string, b: string): boolean {
  const [baseA, lenA] = parseCidr(a);
  const [baseB, lenB] = parseCidr(b);
  const len = Math.min(lenA, lenB);
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return (baseA & mask) >>> 0 === (baseB & mask) >>> 0;
}

function parseCidr(cidr: string): [number, number] {
  const [address = '', length = '32'] = cidr.split('/');
  const value = address.split('.').reduce((acc, octet) => ((acc << 8) | Number(octet)) >>> 0, 0);
  return [value, Number(length)];
}

function run(cmd: string, args: string[]): void {
  const result = spawnSync(cmd, args, { encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed: ${result.stderr || result.error?.message}`);
}
