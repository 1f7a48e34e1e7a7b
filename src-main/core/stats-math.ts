// Turns one Engine API stats reading into a StatsSample, computed exactly as the docker CLI does.

import type { StatsSample } from '../contract/dto/streams';

interface RawCpuStats {
  cpu_usage?: {
    /** Nanoseconds of CPU time used by the container. */
    total_usage?: number;
    percpu_usage?: number[] | null;
  };
  /** Nanoseconds of CPU time used by the whole host. */
  system_cpu_usage?: number;
  online_cpus?: number;
}

/** The fields of GET /containers/{id}/stats (one JSON object) that Berth uses. */
export interface RawStats {
  /** RFC 3339 time of the reading. */
  read: string;
  cpu_stats?: RawCpuStats;
  /** The previous reading's CPU figures, for deltas. */
  precpu_stats?: RawCpuStats;
  memory_stats?: {
    /** Bytes, including page cache. */
    usage?: number;
    /** Bytes. */
    limit?: number;
    /** cgroup counters in bytes: total_inactive_file (v1) or inactive_file (v2), among others. */
    stats?: Record<string, number>;
  };
  /** Per interface, in bytes; absent with network mode none. */
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: {
    io_service_bytes_recursive?: Array<{ op?: string; value?: number }> | null;
  };
  pids_stats?: { current?: number };
}

/** Computes CPU %, memory without cache, network and block I/O totals like `docker stats`. */
export function computeStatsSample(raw: RawStats): StatsSample {
  const onlineCpus = onlineCpusOf(raw.cpu_stats);
  const memoryUsage = memoryWithoutCache(raw.memory_stats);
  const memoryLimit = raw.memory_stats?.limit ?? 0;
  const { networkRx, networkTx } = networkTotals(raw.networks);
  const { blockRead, blockWrite } = blockIoTotals(raw.blkio_stats?.io_service_bytes_recursive);
  return {
    read: raw.read,
    cpuPercent: cpuPercent(raw.cpu_stats, raw.precpu_stats, onlineCpus),
    onlineCpus,
    memoryUsage,
    memoryLimit,
    memoryPercent: memoryLimit === 0 ? 0 : (memoryUsage / memoryLimit) * 100,
    networkRx,
    networkTx,
    blockRead,
    blockWrite,
    pids: raw.pids_stats?.current ?? 0,
  };
}

function onlineCpusOf(cpu: RawCpuStats | undefined): number {
  const online = cpu?.online_cpus ?? 0;
  return online !== 0 ? online : (cpu?.cpu_usage?.percpu_usage?.length ?? 0);
}

function cpuPercent(cpu: RawCpuStats | undefined, previous: RawCpuStats | undefined, onlineCpus: number): number {
  const cpuDelta = (cpu?.cpu_usage?.total_usage ?? 0) - (previous?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cpu?.system_cpu_usage ?? 0) - (previous?.system_cpu_usage ?? 0);
  return cpuDelta > 0 && systemDelta > 0 ? (cpuDelta / systemDelta) * onlineCpus * 100 : 0;
}

/** Usage minus inactive file cache: total_inactive_file on cgroup v1, inactive_file on cgroup v2. */
function memoryWithoutCache(memory: RawStats['memory_stats']): number {
  const usage = memory?.usage ?? 0;
  const v1Cache = memory?.stats?.total_inactive_file;
  if (v1Cache !== undefined && v1Cache < usage) return usage - v1Cache;
  const v2Cache = memory?.stats?.inactive_file ?? 0;
  return v2Cache < usage ? usage - v2Cache : usage;
}

function networkTotals(networks: RawStats['networks']): { networkRx: number; networkTx: number } {
  let networkRx = 0;
  let networkTx = 0;
  for (const network of Object.values(networks ?? {})) {
    networkRx += network.rx_bytes ?? 0;
    networkTx += network.tx_bytes ?? 0;
  }
  return { networkRx, networkTx };
}

function blockIoTotals(entries: Array<{ op?: string; value?: number }> | null | undefined): {
  blockRead: number;
  blockWrite: number;
} {
  let blockRead = 0;
  let blockWrite = 0;
  for (const entry of entries ?? []) {
    const op = entry.op?.toLowerCase();
    if (op === 'read') blockRead += entry.value ?? 0;
    else if (op === 'write') blockWrite += entry.value ?? 0;
  }
  return { blockRead, blockWrite };
}
