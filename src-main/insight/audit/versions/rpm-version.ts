// rpm's version order (rpmvercmp): alphanumeric segments compared in turn, digits numerically and above letters, "~"
// sorting before anything (even the end) and "^" after the end but before anything else; EVRs by epoch, version,
// release.

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);
const isSeparator = (c: string | undefined) => c !== undefined && !isDigit(c) && !isAlpha(c) && c !== '~' && c !== '^';

/** rpmvercmp of two version (or release) strings: negative, 0 or positive. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (isSeparator(a[i])) i++;
    while (isSeparator(b[j])) j++;
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = isDigit(a[i]);
    const inSegment = numeric ? isDigit : isAlpha;
    const startA = i;
    const startB = j;
    while (inSegment(a[i])) i++;
    while (inSegment(b[j])) j++;
    if (j === startB) return numeric ? 1 : -1;
    let left = a.slice(startA, i);
    let right = b.slice(startB, j);
    if (numeric) {
      left = left.replace(/^0+/, '');
      right = right.replace(/^0+/, '');
      if (left.length !== right.length) return left.length > right.length ? 1 : -1;
    }
    if (left !== right) return left > right ? 1 : -1;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i < a.length ? 1 : -1;
}

/** "[epoch:]version[-release]" into its parts; no epoch is epoch 0. */
function evr(text: string): [number, string, string] {
  const colon = /^(\d+):/.exec(text);
  const rest = colon ? text.slice(colon[0].length) : text;
  const dash = rest.lastIndexOf('-');
  return [colon ? Number(colon[1]) : 0, dash >= 0 ? rest.slice(0, dash) : rest, dash >= 0 ? rest.slice(dash + 1) : ''];
}

/** rpm's order of two "[epoch:]version[-release]" strings; a release missing on one side is not compared. */
export function compareRpmVersions(a: string, b: string): number {
  const [epochA, versionA, releaseA] = evr(a);
  const [epochB, versionB, releaseB] = evr(b);
  if (epochA !== epochB) return epochA < epochB ? -1 : 1;
  const byVersion = rpmvercmp(versionA, versionB);
  if (byVersion || !releaseA || !releaseB) return byVersion;
  return rpmvercmp(releaseA, releaseB);
}
