// Stream DTOs: log lines, stats samples, session handles.

export type OutputStream = 'stdout' | 'stderr';

export interface LogLine {
  stream: OutputStream;
  text: string;
  /** RFC 3339 timestamp from the engine, when timestamps were asked for. */
  timestamp?: string;
}

/** One stats reading, computed the way the docker CLI does. */
export interface StatsSample {
  /** ISO 8601 time of the reading. */
  read: string;
  /** Percent of one CPU times online CPUs (200 = two full CPUs). */
  cpuPercent: number;
  onlineCpus: number;
  /** Bytes, without page cache. */
  memoryUsage: number;
  /** Bytes. */
  memoryLimit: number;
  memoryPercent: number;
  /** Bytes received over all interfaces. */
  networkRx: number;
  networkTx: number;
  /** Bytes. */
  blockRead: number;
  blockWrite: number;
  pids: number;
}

export interface SessionHandle {
  session: string;
}
