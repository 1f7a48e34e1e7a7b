// Debian version order (deb-version(7)): epoch, then upstream version and revision compared by dpkg's rules, where
// "~" sorts before anything, even the end of the string.

interface DebianVersion {
  epoch: number;
  upstream: string;
  revision: string;
}

function parse(version: string): DebianVersion {
  const text = version.trim();
  const colon = text.indexOf(':');
  const epoch = colon > 0 ? Number(text.slice(0, colon)) || 0 : 0;
  const rest = colon > 0 ? text.slice(colon + 1) : text;
  const dash = rest.lastIndexOf('-');
  return dash > 0
    ? { epoch, upstream: rest.slice(0, dash), revision: rest.slice(dash + 1) }
    : { epoch, upstream: rest, revision: '' };
}

/** A character's weight in the non-digit part: "~" lowest, then the end, then letters, then everything else. */
function order(char: string | undefined): number {
  if (char === undefined) return 0;
  if (char === '~') return -1;
  if (/[A-Za-z]/.test(char)) return char.charCodeAt(0);
  return char.charCodeAt(0) + 256;
}

function comparePart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    // The non-digit prefix, character by character.
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const ac = i < a.length && !isDigit(a[i]) ? a[i] : undefined;
      const bc = j < b.length && !isDigit(b[j]) ? b[j] : undefined;
      const diff = order(ac) - order(bc);
      if (diff) return diff;
      i++;
      j++;
    }
    // Then the digits, as a number.
    let an = '';
    let bn = '';
    while (i < a.length && isDigit(a[i])) an += a[i++];
    while (j < b.length && isDigit(b[j])) bn += b[j++];
    const diff = compareDigits(an, bn);
    if (diff) return diff;
  }
  return 0;
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Negative when a sorts before b, 0 when equal, positive after. */
export function compareDebianVersions(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  if (x.epoch !== y.epoch) return x.epoch - y.epoch;
  return comparePart(x.upstream, y.upstream) || comparePart(x.revision, y.revision);
}
