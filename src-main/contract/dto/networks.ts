// Network DTOs.

export interface IpamConfig {
  subnet?: string;
  gateway?: string;
  ipRange?: string;
}

export interface NetworkSummary {
  id: string;
  name: string;
  driver: string;
  scope: string;
  internal: boolean;
  attachable: boolean;
  ipv6: boolean;
  ipam: IpamConfig[];
  /** ISO 8601. */
  created: string;
  labels: Record<string, string>;
  options: Record<string, string>;
  /** bridge, host and none: never deletable. */
  builtIn: boolean;
  /** Containers attached (from the network list, which the engine may leave empty; see inspect). */
  containerCount: number;
}

export interface NetworkEndpoint {
  containerId: string;
  containerName: string;
  ipv4Address: string;
  ipv6Address: string;
  macAddress: string;
  aliases: string[];
}

export interface NetworkDetail extends NetworkSummary {
  containers: NetworkEndpoint[];
  raw: Record<string, unknown>;
}
