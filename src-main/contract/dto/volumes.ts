// Volume DTOs.

export interface VolumeUser {
  id: string;
  name: string;
}

export interface Volume {
  name: string;
  driver: string;
  mountpoint: string;
  /** ISO 8601, when the driver reports it. */
  createdAt?: string;
  labels: Record<string, string>;
  options: Record<string, string>;
  scope: string;
  /** Bytes, when the engine computed it (system df); undefined otherwise. */
  size?: number;
  /** Containers (running or not) that mount the volume. */
  usedBy: VolumeUser[];
  /** Created without a name (a 64-hex-digit name the engine made up). */
  anonymous: boolean;
}
