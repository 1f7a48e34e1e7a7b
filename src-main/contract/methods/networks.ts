// Network methods.
import { z } from 'zod';
import { method } from '../define';
import type { NetworkDetail, NetworkSummary } from '../dto/networks';
import type { PruneItem } from '../dto/system';
import { labelFilters, labels, objectName, objectRef } from './common';

const ipv4Cidr = z
  .string()
  .regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-fA-F:]+\/\d{1,3}$/, 'must be a CIDR such as 172.28.0.0/16');
const ipAddress = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-fA-F:]+$/, 'must be an IP address');

export const networkDriver = z.enum(['bridge', 'macvlan', 'ipvlan', 'overlay']);

export const networkSpec = z
  .object({
    name: objectName,
    driver: networkDriver.default('bridge'),
    subnet: ipv4Cidr.optional(),
    gateway: ipAddress.optional(),
    ipRange: ipv4Cidr.optional(),
    internal: z.boolean().default(false),
    attachable: z.boolean().default(false),
    ipv6: z.boolean().default(false),
    labels: labels.default({}),
    /** Driver options, e.g. { parent: "eth0" } for macvlan. */
    options: z.record(z.string().min(1), z.string()).default({}),
  })
  .strict()
  .refine((s) => !(s.gateway || s.ipRange) || s.subnet, {
    message: 'a gateway or IP range needs a subnet',
    path: ['subnet'],
  });

export type NetworkSpec = z.output<typeof networkSpec>;

export const networkMethods = {
  'networks.list': method<NetworkSummary[]>()(z.object({}).strict()),
  'networks.create': method<NetworkSummary>()(networkSpec),
  'networks.inspect': method<NetworkDetail>()(z.object({ id: objectRef }).strict()),
  'networks.connect': method<void>()(
    z
      .object({
        network: objectRef,
        container: objectRef,
        aliases: z.array(z.string().min(1)).default([]),
        ipv4Address: ipAddress.optional(),
      })
      .strict(),
  ),
  'networks.disconnect': method<void>()(
    z.object({ network: objectRef, container: objectRef, force: z.boolean().default(false) }).strict(),
  ),
  'networks.remove': method<void>()(z.object({ id: objectRef }).strict()),
  'networks.prune': method<{ removed: PruneItem[] }>()(z.object({ labels: labelFilters }).strict()),
} as const;
