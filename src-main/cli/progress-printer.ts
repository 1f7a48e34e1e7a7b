// Prints a machine's status changes as short lines on stderr while a command waits (one line per new step).
import type { MachineSnapshot } from '../machine/agent-protocol';

/** A listener that writes each new state or step once, e.g. "starting: Waiting for SSH". */
export function progressPrinter(write: (line: string) => void): (snapshot: Pick<MachineSnapshot, 'status'>) => void {
  let last = '';
  return ({ status }) => {
    const line = status.progress ? `${status.state}: ${status.progress}` : status.state;
    if (line === last) return;
    last = line;
    write(`${line}${status.reason ? ` (${status.reason})` : ''}\n`);
  };
}
