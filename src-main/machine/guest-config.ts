// The text of the guest's opt/berth/config fw_cfg entry: KEY=value lines the guest's init reads at boot.

export interface GuestConfig {
  /** The guest's hostname, e.g. "berth". */
  hostname: string;
  /** Host home folder mounted at the same path in the guest from the virtiofs or 9p tag `home`, when shared. */
  homeShare?: string;
}

/**
 * `HOSTNAME=berth\nHOME_SHARE=/home/alice\n`: one KEY=value per
 * line, the value taken literally up to the line end (spaces and non-ASCII letters included).
 * Throws a RangeError for a value with a line break or NUL, which the format cannot carry, and
 * for a hostname that is not one.
 */
export function formatGuestConfig(config: GuestConfig): string {
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(config.hostname)) {
    throw new RangeError(`HOSTNAME must be letters, digits and inner hyphens (at most 63), got "${config.hostname}"`);
  }
  const entries: Array<[string, string | undefined]> = [
    ['HOSTNAME', config.hostname],
    ['HOME_SHARE', config.homeShare],
  ];
  let text = '';
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    const literal = String(value);
    if (/[\n\r\0]/.test(literal))
      throw new RangeError(`${key} cannot contain a line break or NUL: ${JSON.stringify(literal)}`);
    text += `${key}=${literal}\n`;
  }
  return text;
}
