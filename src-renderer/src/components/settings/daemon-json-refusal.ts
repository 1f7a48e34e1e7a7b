// Whether the VM's engine refused the user's daemon.json at its last boot, from the console's words (the guest contract). Pure.

/** The supervisor's console line when dockerd would not start with the merged daemon.json. */
const REFUSED = /berth: ERROR: dockerd refused daemon\.json \((.*)\); starting it with Berth's own daemon\.json/;
/** Its line when the merge itself failed (the file was not a JSON object). */
const NOT_USED = /berth: ERROR: the daemon\.json from Berth's settings is not used \((.*)\)/;

/** dockerd's (or the merge's) reason when this boot's console says the user's daemon.json was not used. */
export function daemonJsonRefusal(consoleText: string): string | undefined {
  const match = REFUSED.exec(consoleText) ?? NOT_USED.exec(consoleText);
  return match?.[1]?.trim() || (match ? 'no reason given' : undefined);
}
