// The compose CLI's output as progress rows: one per object it reports on, with its latest status, in the order
// the objects first appeared; and the raw text, bounded.
import type { StackOutputLine } from '../../../../src-main/contract/dto/stacks';

export type ProgressTone = 'working' | 'done' | 'failed';

export interface ProgressRow {
  /** "Container app-web-1", "Network app_default". */
  object: string;
  /** The CLI's latest word for it ("Started", "Creating"…). */
  status: string;
  tone: ProgressTone;
}

/** Lines kept for the raw output; older ones are dropped (rows keep what they said). */
export const MAX_RAW_LINES = 5000;

/** Whether a status word says the object is still being worked on, is done, or failed. */
export function statusTone(status: string): ProgressTone {
  const s = status.trim().toLowerCase();
  if (/error|fail|unhealthy|interrupted|cancel/.test(s)) return 'failed';
  // "Running" reports a container that already runs: nothing left to do for it. A layer's "Pulling fs layer" and
  // "Verifying Checksum" are still under way.
  if (s !== 'running' && /^\w+ing\b|\.\.\.$|…$/.test(s)) return 'working';
  return 'done';
}

/** Folds lines into rows: a known object's status is replaced in place, a new object is appended. */
export function mergeProgress(rows: readonly ProgressRow[], lines: readonly StackOutputLine[]): ProgressRow[] {
  const next = [...rows];
  const index = new Map(next.map((r, i) => [r.object, i]));
  for (const line of lines) {
    if (!line.object) continue;
    const status = line.status ?? '';
    const row: ProgressRow = { object: line.object, status, tone: statusTone(status) };
    const at = index.get(line.object);
    if (at === undefined) {
      index.set(line.object, next.length);
      next.push(row);
    } else if (status) next[at] = row;
  }
  return next;
}

/** The newest `MAX_RAW_LINES` of `kept` and `lines` together. */
export function appendRaw(kept: readonly StackOutputLine[], lines: readonly StackOutputLine[]): StackOutputLine[] {
  const all = [...kept, ...lines];
  return all.length > MAX_RAW_LINES ? all.slice(-MAX_RAW_LINES) : all;
}
