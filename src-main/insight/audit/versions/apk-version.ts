// Alpine version order (apk-tools' version.c): dotted numbers, an optional letter, "_suffix[N]" parts
// (alpha < beta < pre < rc < none < cvs < svn < git < hg < p) and the "-rN" package revision.

const PRE_SUFFIXES = ['alpha', 'beta', 'pre', 'rc'];
const POST_SUFFIXES = ['cvs', 'svn', 'git', 'hg', 'p'];

type Token = { kind: number; value: number | string };
// Token kinds in the order apk compares them when they differ.
// (1.2_rc1 < 1.2 < 1.2-r1 < 1.2_p1 < 1.2a < 1.2.1).
const SUFFIX = 1;
const END = 2;
const REVISION = 3;
const POST = 4;
const LETTER = 5;
const NUMBER = 6;

function suffixRank(name: string): { kind: number; rank: number } {
  const pre = PRE_SUFFIXES.indexOf(name);
  if (pre >= 0) return { kind: SUFFIX, rank: pre };
  const post = POST_SUFFIXES.indexOf(name);
  return { kind: POST, rank: post >= 0 ? post : POST_SUFFIXES.length };
}

function tokens(version: string): Token[] {
  const out: Token[] = [];
  const [main, revision] = version.trim().split('-r');
  const match = /^([0-9]+(?:\.[0-9]+)*)([a-z]?)((?:_[a-z]+[0-9]*)*)/.exec(main ?? '');
  if (!match)
    return [
      { kind: NUMBER, value: -1 },
      { kind: LETTER, value: main ?? '' },
    ];
  const [, numbers = '', letter, suffixes = ''] = match;
  for (const number of numbers.split('.')) out.push({ kind: NUMBER, value: number });
  if (letter) out.push({ kind: LETTER, value: letter });
  for (const suffix of suffixes.split('_').filter(Boolean)) {
    const [, name = suffix, digits] = /^([a-z]+)([0-9]*)$/.exec(suffix) ?? [];
    const { kind, rank } = suffixRank(name);
    out.push({ kind, value: rank * 1e9 + Number(digits || 0) });
  }
  if (revision !== undefined) out.push({ kind: REVISION, value: Number(revision) || 0 });
  return out;
}

/** Compares two dotted-number parts the way apk does: the first numerically, later ones as fractions when 0-led. */
function compareNumbers(a: string, b: string, first: boolean): number {
  if (!first && (a.startsWith('0') || b.startsWith('0'))) return a < b ? -1 : a > b ? 1 : 0;
  return Number(a) - Number(b);
}

/** Negative when a sorts before b, 0 when equal, positive after. */
export function compareAlpineVersions(a: string, b: string): number {
  const x = tokens(a);
  const y = tokens(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const s = x[i] ?? { kind: END, value: 0 };
    const t = y[i] ?? { kind: END, value: 0 };
    if (s.kind !== t.kind) return s.kind - t.kind;
    if (s.kind === END) return 0;
    const diff =
      s.kind === NUMBER
        ? compareNumbers(String(s.value), String(t.value), i === 0)
        : s.kind === LETTER
          ? String(s.value).localeCompare(String(t.value))
          : Number(s.value) - Number(t.value);
    if (diff) return diff;
  }
  return 0;
}
