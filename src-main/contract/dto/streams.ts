// Stream DTOs: log lines, stats samples, session handles.

export type OutputStream = 'stdout' | 'stderr';

export interface LogLine {
  stream: OutputStream;
  text: string;
  /** RFC 3339 timestamp from the engine, when timestamps were asked for. */
  timestamp?: string;
}

/**
 * Log lines as they cross the wire: columns, not an object per line, so a million lines cost
 * little to send and to keep.
 */
export interface LogBatch {
  /** Line texts, in order. */
  lines: string[];
  /** Indices (ascending) into `lines` of the lines the container wrote to stderr. */
  stderr: number[];
  /** One RFC 3339 timestamp per line (empty when a line had none), when timestamps were asked for. */
  timestamps?: string[];
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
