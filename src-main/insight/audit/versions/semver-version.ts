// npm and Go version order: semantic versioning (Go's "v" prefix and pseudo-versions included) through `semver`.
import { coerce, compare, valid } from 'semver';

function normalise(version: string): string | undefined {
  const text = version.trim().replace(/^v/, '');
  return valid(text) ?? coerce(text, { includePrerelease: true })?.version ?? undefined;
}

/** Negative when a sorts before b, 0 when equal, positive after; what is not a version sorts as text. */
export function compareSemverVersions(a: string, b: string): number {
  const x = normalise(a);
  const y = normalise(b);
  if (!x || !y) return a.localeCompare(b);
  return compare(x, y);
}
