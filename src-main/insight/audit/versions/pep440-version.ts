// PyPI version order (PEP 440, the common subset): epoch "N!", release numbers, pre-release a/b/rc, ".postN",
// ".devN"; the "+local" part is ignored.

interface Pep440 {
  epoch: number;
  release: number[];
  /** [phase, number]: a=0, b=1, rc=2; none sorts after every pre-release. */
  pre: [number, number] | undefined;
  post: number | undefined;
  dev: number | undefined;
}

const PATTERN =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?(\d*))?(?:(?:-(\d+))|(?:[-_.]?(?:post|rev|r)[-_.]?(\d*)))?(?:[-_.]?dev[-_.]?(\d*))?(?:\+.*)?$/i;

function parse(version: string): Pep440 | undefined {
  const m = PATTERN.exec(version.trim());
  if (!m) return undefined;
  const phase = m[3]?.toLowerCase();
  const preRank = phase === undefined ? undefined : phase.startsWith('a') ? 0 : phase.startsWith('b') ? 1 : 2;
  const post = m[5] ?? m[6];
  return {
    epoch: Number(m[1] ?? 0),
    release: (m[2] ?? '0').split('.').map(Number),
    pre: preRank === undefined ? undefined : [preRank, Number(m[4] || 0)],
    post: post === undefined ? undefined : Number(post || 0),
    dev: m[7] === undefined ? undefined : Number(m[7] || 0),
  };
}

function compareRelease(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff) return diff;
  }
  return 0;
}

/** Sort keys after the release: a dev-only release sorts before its pre-releases; none sorts after all of them. */
function preKey(v: Pep440): number[] {
  if (v.pre) return [v.pre[0], v.pre[1]];
  if (v.dev !== undefined && v.post === undefined) return [-1, 0];
  return [3, 0];
}

/** Compares optional numbers, an absent one counting as `absent` (which may be ±Infinity). */
function compareOptional(a: number | undefined, b: number | undefined, absent: number): number {
  const x = a ?? absent;
  const y = b ?? absent;
  return x === y ? 0 : x < y ? -1 : 1;
}

/** Negative when a sorts before b, 0 when equal, positive after; versions PEP 440 cannot read sort as text. */
export function comparePep440Versions(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return a.localeCompare(b);
  return (
    x.epoch - y.epoch ||
    compareRelease(x.release, y.release) ||
    compareRelease(preKey(x), preKey(y)) ||
    compareOptional(x.post, y.post, -1) ||
    compareOptional(x.dev, y.dev, Infinity)
  );
}
