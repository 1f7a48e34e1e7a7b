// What a downloaded log leaves out: the reasons the lines held are not the container's whole log, in words.
import { LOG_RANGES, type LogRange } from './log-options';

export interface HeldLines {
  range: LogRange;
  /** Every line the log held at opening has arrived. */
  caughtUp: boolean;
  /** Lines held now. */
  length: number;
  /** Old lines dropped past the most lines kept. */
  dropped: number;
  /** Lines the user cleared from the view. */
  cleared: number;
}

const count = (n: number) => n.toLocaleString('en');
const lines = (n: number) => `${count(n)} ${n === 1 ? 'line' : 'lines'}`;

/** One sentence per reason the held lines are not the whole log; empty when they are. */
export function missingFromDownload(held: HeldLines): string[] {
  const notes: string[] = [];
  if (!held.caughtUp) notes.push(`The logs are still loading: ${lines(held.length)} so far.`);
  if (held.range !== 'all') {
    const label = LOG_RANGES.find((r) => r.value === held.range)?.label.toLowerCase() ?? held.range;
    notes.push(`The range shown is the ${label} (and what came since); choose “All lines” for the whole log.`);
  }
  if (held.dropped > 0) notes.push(`The oldest ${lines(held.dropped)} were dropped to keep the view fast.`);
  if (held.cleared > 0)
    notes.push(`${lines(held.cleared)} cleared from the view ${held.cleared === 1 ? 'is' : 'are'} left out.`);
  return notes;
}
