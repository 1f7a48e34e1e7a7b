// What the guest is told at boot: the opt/berth/config KEY=value lines, and the user's daemon.json when there is one.
import { readDaemonJson } from '../core/daemon-json';

export interface GuestConfig {
  /** The guest's hostname, e.g. "berth". */
  hostname: string;
  /**
   * Host folders mounted at the same path in the guest, the home folder first: the i-th is served
   * as tag `share<i>` (virtiofs or 9p).
   */
  shares?: readonly string[];
}

/**
 * `HOSTNAME=berth\nSHARE=/home/alice\nSHARE=/srv/My Projects\n`: one KEY=value per line, the
 * value taken literally up to the line end (spaces and non-ASCII letters included); SHARE comes
 * once per shared folder, in tag order. Throws a RangeError for a value with a line break or NUL,
 * which the format cannot carry, and for a hostname that is not one.
 */
export function formatGuestConfig(config: GuestConfig): string {
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(config.hostname)) {
    throw new RangeError(`HOSTNAME must be letters, digits and inner hyphens (at most 63), got "${config.hostname}"`);
  }
  const entries: Array<[string, string]> = [
    ['HOSTNAME', config.hostname],
    ...(config.shares ?? []).map((folder): [string, string] => ['SHARE', folder]),
  ];
  let text = '';
  for (const [key, value] of entries) {
    if (/[\n\r\0]/.test(value))
      throw new RangeError(`${key} cannot contain a line break or NUL: ${JSON.stringify(value)}`);
    text += `${key}=${value}\n`;
  }
  return text;
}

/**
 * The text of the opt/berth/daemon_json entry for the `engine.daemonJson` setting: the user's
 * text as written, or undefined when it adds nothing (an empty object), so the guest skips the
 * merge. Throws a RangeError when it is not a JSON object (the settings schema refuses that too).
 */
export function guestDaemonJson(source: string): string | undefined {
  const reading = readDaemonJson(source);
  if (reading.ok) return Object.keys(reading.value).length > 0 ? source : undefined;
  throw new RangeError(
    reading.problem === 'syntax'
      ? `engine.daemonJson is not valid JSON: ${reading.message}`
      : 'engine.daemonJson must be a JSON object',
  );
}
