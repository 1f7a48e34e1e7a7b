// Textual IPv4 / IPv6 address checks, without Node's net module so the renderer can use them too.

const IPV4_RE = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEXTET_RE = /^[0-9a-fA-F]{1,4}$/;

/** True for dotted-quad IPv4 such as "127.0.0.1" (each part 0–255, no leading zeros). */
export function isIPv4(text: string): boolean {
  return IPV4_RE.test(text);
}

/** True for IPv6 in RFC 4291 text form ("::1", "fe80::1", "::ffff:1.2.3.4"); no zone, no brackets. */
export function isIPv6(text: string): boolean {
  let body = text;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    // An embedded IPv4 tail stands for two hextets.
    if (lastColon === -1 || !isIPv4(tail)) return false;
    body = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  if (!groups.every((group) => HEXTET_RE.test(group))) return false;
  return halves.length === 2 ? groups.length <= 7 : groups.length === 8;
}
