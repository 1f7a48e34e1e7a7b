// Stream DTOs: log lines, stats samples, session handles.

export type OutputStream = 'stdout' | 'stderr';

/** How a log line ended: "\n" (the usual, left out), "\r\n", or not at all (see LogBatch.open). */
export type LineEnd = 'lf' | 'crlf' | 'none';

export interface LogLine {
  stream: OutputStream;
  /** The line without its line end. */
  text: string;
  /** RFC 3339 timestamp from the engine, when timestamps were asked for. */
  timestamp?: string;
  /** Absent for "\n". */
  end?: Exclude<LineEnd, 'lf'>;
  /** See LogBatch.partials. */
  partials?: number[];
  /** See LogBatch.sources. */
  source?: number;
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
  /** Indices (ascending) of the lines that ended with "\r\n" (the "\r" is not in the text). */
  crlf?: number[];
  /**
   * Indices (ascending) of the lines without a line end: the log's last line when the container wrote none,
   * or a line cut at the longest Berth holds in one piece (it goes on in the next line).
   */
  open?: number[];
  /**
   * The lines the engine stored as several partial messages (a line of more than 16 KiB): for each, the
   * offsets in its text where a piece began. `docker logs -t` repeats the line's timestamp there.
   */
  partials?: Array<{ line: number; at: number[] }>;
  /**
   * Only in a merged session (`stacks.logs`): one source index per line, into the `sources` the session was opened
   * with (which container of the project wrote it), or into the latest `sourceNames`.
   */
  sources?: number[];
  /**
   * Only in a merged session, when its sources changed since the handle's `sources` (a container of the project
   * started while following, or a service's only container got a second one and is now shown with its number):
   * every source's name, by index, replacing the earlier list. Comes no later than the first line of a new source,
   * and in every replay once the list has changed.
   */
  sourceNames?: string[];
  /** The session has now delivered every line the log held when it was opened. */
  caughtUp?: true;
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
