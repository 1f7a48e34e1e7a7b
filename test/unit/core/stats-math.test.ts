import { describe, it, expect } from 'vitest';
import { computeStatsSample, type RawStats } from '../../../src-main/core/stats-math';

/** A reading from a cgroup v1 host (abridged from GET /containers/{id}/stats?stream=false). */
const cgroupV1: RawStats = JSON.parse(`{
  "read": "2024-05-01T10:00:01.000000001Z",
  "preread": "2024-05-01T10:00:00.000000001Z",
  "pids_stats": { "current": 12, "limit": 18446744073709551615 },
  "blkio_stats": {
    "io_service_bytes_recursive": [
      { "major": 8, "minor": 0, "op": "Read", "value": 4096000 },
      { "major": 8, "minor": 0, "op": "Write", "value": 1024000 },
      { "major": 8, "minor": 0, "op": "Sync", "value": 5000 },
      { "major": 8, "minor": 0, "op": "Async", "value": 5115000 },
      { "major": 8, "minor": 0, "op": "Discard", "value": 0 },
      { "major": 8, "minor": 0, "op": "Total", "value": 5120000 },
      { "major": 8, "minor": 16, "op": "Read", "value": 1000 },
      { "major": 8, "minor": 16, "op": "Write", "value": 24 }
    ],
    "io_serviced_recursive": [],
    "sectors_recursive": []
  },
  "num_procs": 0,
  "storage_stats": {},
  "cpu_stats": {
    "cpu_usage": {
      "total_usage": 2500000000,
      "percpu_usage": [700000000, 600000000, 600000000, 600000000],
      "usage_in_kernelmode": 500000000,
      "usage_in_usermode": 2000000000
    },
    "system_cpu_usage": 739306000000000,
    "online_cpus": 4,
    "throttling_data": { "periods": 0, "throttled_periods": 0, "throttled_time": 0 }
  },
  "precpu_stats": {
    "cpu_usage": {
      "total_usage": 2000000000,
      "percpu_usage": [550000000, 500000000, 450000000, 500000000],
      "usage_in_kernelmode": 400000000,
      "usage_in_usermode": 1600000000
    },
    "system_cpu_usage": 739302000000000,
    "online_cpus": 4,
    "throttling_data": { "periods": 0, "throttled_periods": 0, "throttled_time": 0 }
  },
  "memory_stats": {
    "usage": 73400320,
    "max_usage": 80000000,
    "stats": {
      "active_anon": 50000000,
      "active_file": 3000000,
      "cache": 20971520,
      "inactive_file": 999,
      "total_inactive_file": 10485760,
      "total_cache": 20971520,
      "total_rss": 52428800
    },
    "limit": 2147483648
  },
  "name": "/web",
  "id": "4e2c2f8c0a1b",
  "networks": {
    "eth0": { "rx_bytes": 5338, "rx_packets": 36, "rx_errors": 0, "rx_dropped": 0, "tx_bytes": 648, "tx_packets": 8, "tx_errors": 0, "tx_dropped": 0 },
    "eth5": { "rx_bytes": 4641, "rx_packets": 26, "rx_errors": 0, "rx_dropped": 0, "tx_bytes": 690, "tx_packets": 9, "tx_errors": 0, "tx_dropped": 0 }
  }
}`);

/** A reading from a cgroup v2 host: no percpu_usage, inactive_file instead of total_inactive_file. */
const cgroupV2: RawStats = JSON.parse(`{
  "read": "2024-05-01T10:00:02.5Z",
  "preread": "2024-05-01T10:00:01.5Z",
  "pids_stats": { "current": 3, "limit": 4915 },
  "blkio_stats": {
    "io_service_bytes_recursive": [
      { "major": 254, "minor": 0, "op": "read", "value": 11534336 },
      { "major": 254, "minor": 0, "op": "write", "value": 8192 },
      { "major": 254, "minor": 16, "op": "read", "value": 4096 },
      { "major": 254, "minor": 16, "op": "write", "value": 0 }
    ],
    "io_serviced_recursive": null,
    "io_queue_recursive": null
  },
  "num_procs": 0,
  "storage_stats": {},
  "cpu_stats": {
    "cpu_usage": { "total_usage": 1234567890, "usage_in_kernelmode": 234567890, "usage_in_usermode": 1000000000 },
    "system_cpu_usage": 18000002000000000,
    "online_cpus": 2,
    "throttling_data": { "periods": 0, "throttled_periods": 0, "throttled_time": 0 }
  },
  "precpu_stats": {
    "cpu_usage": { "total_usage": 1000000000, "usage_in_kernelmode": 200000000, "usage_in_usermode": 800000000 },
    "system_cpu_usage": 18000000000000000,
    "online_cpus": 2,
    "throttling_data": { "periods": 0, "throttled_periods": 0, "throttled_time": 0 }
  },
  "memory_stats": {
    "usage": 10485760,
    "stats": {
      "active_anon": 4096,
      "active_file": 1048576,
      "anon": 6291456,
      "file": 4194304,
      "inactive_anon": 6287360,
      "inactive_file": 2097152,
      "kernel_stack": 16384,
      "pgfault": 1234,
      "shmem": 0,
      "sock": 0
    },
    "limit": 1073741824
  },
  "name": "/db",
  "id": "9f8e7d6c5b4a",
  "networks": {
    "eth0": { "rx_bytes": 1000, "rx_packets": 10, "rx_errors": 0, "rx_dropped": 0, "tx_bytes": 2000, "tx_packets": 20, "tx_errors": 0, "tx_dropped": 0 }
  }
}`);

describe('computeStatsSample', () => {
  it('computes a cgroup v1 reading like docker stats', () => {
    // CPU: (2.5e9 - 2.0e9) / (739306e9 - 739302e9) * 4 CPUs * 100 = 0.5e9 / 4e9 * 400 = 50 %.
    // Memory: 73400320 - total_inactive_file 10485760 = 62914560 (60 MiB) of 2 GiB = 2.9296875 %.
    expect(computeStatsSample(cgroupV1)).toEqual({
      read: '2024-05-01T10:00:01.000000001Z',
      cpuPercent: 50,
      onlineCpus: 4,
      memoryUsage: 62_914_560,
      memoryLimit: 2_147_483_648,
      memoryPercent: 2.9296875,
      networkRx: 5338 + 4641,
      networkTx: 648 + 690,
      blockRead: 4_096_000 + 1000,
      blockWrite: 1_024_000 + 24,
      pids: 12,
    });
  });

  it('computes a cgroup v2 reading like docker stats', () => {
    // CPU: 234567890 / 2e9 * 2 CPUs * 100 = 23.456789 %.
    // Memory: 10485760 - inactive_file 2097152 = 8388608 (8 MiB) of 1 GiB = 0.78125 %.
    const sample = computeStatsSample(cgroupV2);
    expect(sample.cpuPercent).toBeCloseTo(23.456789, 10);
    expect({ ...sample, cpuPercent: 0 }).toEqual({
      read: '2024-05-01T10:00:02.5Z',
      cpuPercent: 0,
      onlineCpus: 2,
      memoryUsage: 8_388_608,
      memoryLimit: 1_073_741_824,
      memoryPercent: 0.78125,
      networkRx: 1000,
      networkTx: 2000,
      blockRead: 11_534_336 + 4096,
      blockWrite: 8192,
      pids: 3,
    });
  });

  it('counts percpu_usage entries when online_cpus is 0', () => {
    const raw: RawStats = {
      ...cgroupV1,
      cpu_stats: { ...cgroupV1.cpu_stats, online_cpus: 0 },
    };
    const sample = computeStatsSample(raw);
    expect(sample.onlineCpus).toBe(4);
    expect(sample.cpuPercent).toBe(50);
  });

  it('counts percpu_usage entries when online_cpus is missing', () => {
    const raw: RawStats = {
      read: 'r',
      cpu_stats: { cpu_usage: { total_usage: 300, percpu_usage: [100, 100, 100] }, system_cpu_usage: 1200 },
      precpu_stats: { cpu_usage: { total_usage: 0 }, system_cpu_usage: 0 },
    };
    expect(computeStatsSample(raw)).toMatchObject({ onlineCpus: 3, cpuPercent: 75 });
  });

  it.each<[string, number, number]>([
    ['no CPU used', 0, 1000],
    ['no system time passed', 100, 0],
    ['counters went backwards', -100, 1000],
    ['system counter went backwards', 100, -1000],
  ])('gives 0 %% CPU when %s', (_, cpuDelta, systemDelta) => {
    const raw: RawStats = {
      read: 'r',
      cpu_stats: {
        cpu_usage: { total_usage: 5000 + cpuDelta },
        system_cpu_usage: 50_000 + systemDelta,
        online_cpus: 2,
      },
      precpu_stats: { cpu_usage: { total_usage: 5000 }, system_cpu_usage: 50_000, online_cpus: 2 },
    };
    expect(computeStatsSample(raw).cpuPercent).toBe(0);
  });

  it('uses zero for an empty precpu_stats, as docker does on the first reading', () => {
    const raw: RawStats = {
      read: 'r',
      cpu_stats: { cpu_usage: { total_usage: 1000 }, system_cpu_usage: 4000, online_cpus: 1 },
      precpu_stats: { cpu_usage: {} },
    };
    expect(computeStatsSample(raw).cpuPercent).toBe(25);
  });

  it('keeps usage when total_inactive_file is not below it (falls through to inactive_file)', () => {
    const memory = (stats: Record<string, number>) =>
      computeStatsSample({ read: 'r', memory_stats: { usage: 1000, limit: 4000, stats } });
    expect(memory({ total_inactive_file: 1000 })).toMatchObject({ memoryUsage: 1000, memoryPercent: 25 });
    expect(memory({ total_inactive_file: 5000, inactive_file: 400 })).toMatchObject({ memoryUsage: 600 });
    expect(memory({ inactive_file: 1000 })).toMatchObject({ memoryUsage: 1000 });
    expect(memory({ inactive_file: 0 })).toMatchObject({ memoryUsage: 1000 });
    expect(memory({ total_inactive_file: 0 })).toMatchObject({ memoryUsage: 1000 });
    expect(memory({})).toMatchObject({ memoryUsage: 1000 });
  });

  it('reads the minimal reading of a stopped container as zeros', () => {
    expect(
      computeStatsSample({
        read: '0001-01-01T00:00:00Z',
        cpu_stats: { cpu_usage: { total_usage: 0 } },
        precpu_stats: { cpu_usage: { total_usage: 0 } },
        memory_stats: {},
        blkio_stats: { io_service_bytes_recursive: null },
        pids_stats: {},
      }),
    ).toEqual({
      read: '0001-01-01T00:00:00Z',
      cpuPercent: 0,
      onlineCpus: 0,
      memoryUsage: 0,
      memoryLimit: 0,
      memoryPercent: 0,
      networkRx: 0,
      networkTx: 0,
      blockRead: 0,
      blockWrite: 0,
      pids: 0,
    });
  });

  it('accepts a reading with only the time', () => {
    expect(computeStatsSample({ read: 'r' })).toEqual({
      read: 'r',
      cpuPercent: 0,
      onlineCpus: 0,
      memoryUsage: 0,
      memoryLimit: 0,
      memoryPercent: 0,
      networkRx: 0,
      networkTx: 0,
      blockRead: 0,
      blockWrite: 0,
      pids: 0,
    });
  });

  it('ignores block I/O entries without an op or a value, and ops that only start with r/w', () => {
    const sample = computeStatsSample({
      read: 'r',
      blkio_stats: {
        io_service_bytes_recursive: [
          { op: 'READ', value: 1 },
          { op: 'WRITE', value: 2 },
          { op: '', value: 100 },
          { value: 100 },
          { op: 'read' },
          { op: 'Reads', value: 100 },
        ],
      },
    });
    expect(sample).toMatchObject({ blockRead: 1, blockWrite: 2 });
  });

  it('sums interfaces with missing counters as 0', () => {
    const sample = computeStatsSample({
      read: 'r',
      networks: { eth0: { rx_bytes: 5 }, eth1: { tx_bytes: 7 }, lo: {} },
    });
    expect(sample).toMatchObject({ networkRx: 5, networkTx: 7 });
  });
});
