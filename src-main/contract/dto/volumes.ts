// Volume DTOs.

export type VolumeSizeUnknown = 'not-measured' | 'not-reported';

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
  /**
   * Bytes the volume's files take, as the engine's disk usage (system df) measured them: the one
   * source for the list and the volume's page. null when not known; `sizeUnknown` says why.
   */
  size: number | null;
  /**
   * Why `size` is null: "not-measured" (sizes were not asked for, or the volume is newer than the
   * measurement), "not-reported" (its driver reports no size). Absent when `size` is known.
   */
  sizeUnknown?: VolumeSizeUnknown;
  /** Containers (running or not) that mount the volume. */
  usedBy: VolumeUser[];
  /** Created without a name (a 64-hex-digit name the engine made up). */
  anonymous: boolean;
}
