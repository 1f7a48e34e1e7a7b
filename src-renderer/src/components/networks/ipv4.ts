// IPv4 addresses and CIDR blocks as numbers, for checking that an address or range lies inside a subnet.
import { isIPv4 } from '../../../../src-main/core/ip-address';

export interface Cidr {
  /** The network address as an unsigned 32-bit number. */
  network: number;
  /** Prefix length, 0–32. */
  prefix: number;
}

/** The address as an unsigned 32-bit number; undefined unless it is a dotted-quad IPv4 address. */
export function parseIPv4(text: string): number | undefined {
  if (!isIPv4(text)) return undefined;
  return text.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

export function formatIPv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** Number of addresses in a block of this prefix length. */
function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

/** "10.1.2.0/24" as numbers; `exact` is false when host bits are set ("10.1.2.3/24"). */
export function parseCidr(text: string): (Cidr & { exact: boolean }) | undefined {
  const match = /^([^/]+)\/(\d{1,2})$/.exec(text);
  if (!match) return undefined;
  const address = parseIPv4(match[1]!);
  const prefix = Number(match[2]);
  if (address === undefined || prefix > 32) return undefined;
  const network = address - (address % blockSize(prefix));
  return { network, prefix, exact: network === address };
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIPv4(cidr.network)}/${cidr.prefix}`;
}

/** The last address of the block (its broadcast address). */
export function lastAddress(cidr: Cidr): number {
  return cidr.network + blockSize(cidr.prefix) - 1;
}

export function contains(cidr: Cidr, address: number): boolean {
  return address >= cidr.network && address <= lastAddress(cidr);
}

/** True when `inner` lies wholly inside `outer`. */
export function containsCidr(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && contains(outer, inner.network);
}
