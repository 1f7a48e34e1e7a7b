// Validation of the network forms as the user types: create (name, subnet, gateway, IP range, parent) and connect.
import { objectName } from '../../../../src-main/contract/methods/common';
import { contains, containsCidr, formatCidr, lastAddress, parseCidr, parseIPv4, type Cidr } from './ipv4';

export type NetworkDriver = 'bridge' | 'macvlan' | 'ipvlan' | 'overlay';

export interface NetworkFormFields {
  name: string;
  driver: NetworkDriver;
  subnet: string;
  gateway: string;
  ipRange: string;
  /** Host interface for macvlan / ipvlan, e.g. "eth0"; empty for the engine's default. */
  parent: string;
}

export type NetworkFormErrors = Partial<Record<'name' | 'subnet' | 'gateway' | 'ipRange' | 'parent', string>>;

export const BUILT_IN_NAMES: ReadonlySet<string> = new Set(['bridge', 'host', 'none']);

/** Smallest subnet that leaves room for a gateway and one container. */
const MAX_PREFIX = 30;
const INTERFACE_RE = /^[A-Za-z0-9_.:@-]{1,15}$/;

/** Why `text` cannot be a new network's name, or undefined when it can. */
export function networkNameError(text: string, existing: ReadonlySet<string>): string | undefined {
  const name = text.trim();
  if (!name) return 'Give the network a name';
  const parsed = objectName.safeParse(name);
  if (!parsed.success) return `The name ${parsed.error.issues[0]?.message ?? 'is not valid'}`;
  if (BUILT_IN_NAMES.has(name)) return `"${name}" is a built-in network`;
  if (existing.has(name)) return `A network named "${name}" already exists`;
  return undefined;
}

/** The subnet as a CIDR block, or why it is not one. */
export function subnetOf(text: string): { cidr: Cidr } | { error: string } {
  const cidr = parseCidr(text.trim());
  if (!cidr) return { error: 'Write an IPv4 subnet in CIDR form, such as 172.28.0.0/16' };
  if (cidr.prefix > MAX_PREFIX) return { error: `A /${cidr.prefix} leaves no room for containers; use /30 or larger` };
  if (!cidr.exact) return { error: `Start at the network address: ${formatCidr(cidr)}` };
  return { cidr };
}

/** Errors per field of the create form; an empty object means it may be submitted. */
export function networkFormErrors(fields: NetworkFormFields, existing: ReadonlySet<string>): NetworkFormErrors {
  const errors: NetworkFormErrors = {};
  const name = networkNameError(fields.name, existing);
  if (name) errors.name = name;

  const subnetText = fields.subnet.trim();
  const gateway = fields.gateway.trim();
  const ipRange = fields.ipRange.trim();
  const subnet = subnetText ? subnetOf(subnetText) : undefined;
  if (subnet && 'error' in subnet) errors.subnet = subnet.error;
  const cidr = subnet && 'cidr' in subnet ? subnet.cidr : undefined;

  if (gateway) {
    const address = parseIPv4(gateway);
    if (address === undefined) errors.gateway = 'Write an IPv4 address, such as 172.28.0.1';
    else if (!subnetText) errors.gateway = 'A gateway needs a subnet';
    else if (cidr) errors.gateway = usableAddressError(address, cidr);
  }
  if (ipRange) {
    const range = parseCidr(ipRange);
    if (!range) errors.ipRange = 'Write a CIDR block inside the subnet, such as 172.28.5.0/24';
    else if (!subnetText) errors.ipRange = 'An IP range needs a subnet';
    else if (!range.exact) errors.ipRange = `Start at the block's first address: ${formatCidr(range)}`;
    else if (cidr && !containsCidr(cidr, range)) errors.ipRange = `Must lie inside ${formatCidr(cidr)}`;
  }
  if ((fields.driver === 'macvlan' || fields.driver === 'ipvlan') && fields.parent.trim()) {
    if (!INTERFACE_RE.test(fields.parent.trim())) errors.parent = 'Write a host interface name, such as eth0';
  }
  for (const key of Object.keys(errors) as Array<keyof NetworkFormErrors>) if (!errors[key]) delete errors[key];
  return errors;
}

/** Why `address` cannot be given to a host in `cidr`: outside it, or its network or broadcast address. */
function usableAddressError(address: number, cidr: Cidr): string | undefined {
  if (!contains(cidr, address)) return `Must lie inside ${formatCidr(cidr)}`;
  if (address === cidr.network) return 'That is the network address; use one after it';
  if (address === lastAddress(cidr)) return 'That is the broadcast address; use one before it';
  return undefined;
}

/**
 * Why `text` cannot be a container's fixed IPv4 address on a network with these subnets and
 * gateways; empty text is fine (the engine picks one).
 */
export function fixedAddressError(text: string, subnets: string[], gateways: string[]): string | undefined {
  const ip = text.trim();
  if (!ip) return undefined;
  const address = parseIPv4(ip);
  if (address === undefined) return 'Write an IPv4 address, such as 172.28.0.10';
  const blocks = subnets.flatMap((s) => {
    const cidr = parseCidr(s);
    return cidr ? [cidr] : [];
  });
  if (blocks.length === 0) return 'This network has no IPv4 subnet to pick a fixed address from';
  const block = blocks.find((b) => contains(b, address));
  if (!block) return `Must lie inside ${blocks.map(formatCidr).join(' or ')}`;
  if (gateways.includes(ip)) return "That is the network's gateway";
  return usableAddressError(address, block);
}

/** Aliases separated by spaces or commas; each must be a DNS-style name. */
export function parseAliases(text: string): { aliases: string[]; error?: string } {
  const aliases = text.split(/[\s,]+/).filter(Boolean);
  const bad = aliases.find((a) => !/^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?$/.test(a));
  return bad ? { aliases, error: `"${bad}" is not a valid alias: letters, digits, ".", "_" or "-"` } : { aliases };
}
