// Human units for the Stats tab: CPU percent and cores, memory in MiB/GiB, rates per second.
import { formatBytes } from '../../../../../src-main/core/bytes';

/** "12.3%" (of one CPU); "—" when unknown. */
export function formatCpu(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '—';
  return `${percent < 10 ? percent.toFixed(2) : percent.toFixed(1)}%`;
}

/** "of 2 CPUs" for the CPU chart's caption; "1.5 CPUs" style for a limit in nano CPUs. */
export function cpuCapacity(onlineCpus: number, nanoCpus: number): string {
  if (nanoCpus > 0) {
    const cpus = nanoCpus / 1e9;
    return `limit ${Number(cpus.toFixed(2))} CPU${cpus === 1 ? '' : 's'}`;
  }
  return onlineCpus > 0 ? `of ${onlineCpus} CPU${onlineCpus === 1 ? '' : 's'}` : '';
}

/** Memory as limits are set: "12.5 MiB"; "—" when unknown. */
export function formatMemory(bytes: number | null | undefined): string {
  return bytes === null || bytes === undefined || !Number.isFinite(bytes) ? '—' : formatBytes(bytes, { binary: true });
}

/** "1.2 MB/s"; "—" when unknown (the first sample has no rate). */
export function formatRate(bytesPerSecond: number | null | undefined): string {
  if (bytesPerSecond === null || bytesPerSecond === undefined || !Number.isFinite(bytesPerSecond)) return '—';
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** Axis ticks: compact, no decimals beyond one ("1.5 MB/s", "64 MiB", "25%"). */
export function axisPercent(value: number): string {
  return `${Number(value.toFixed(1))}%`;
}
