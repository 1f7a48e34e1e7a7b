// yarn.lock, classic (v1: `version "1.2.3"`) and berry (`version: 1.2.3`, "name@npm:range" keys).
import type { FoundPackage } from './found-package';

/** "@scope/name@^1.0.0" or "name@npm:^1.0.0" → the package name. */
function nameOfSpec(spec: string): string | undefined {
  const text = spec.trim().replace(/^"|"$/g, '');
  const at = text.indexOf('@', 1);
  return at > 0 ? text.slice(0, at) : undefined;
}

export function parseYarnLockfile(text: string): FoundPackage[] {
  const found: FoundPackage[] = [];
  let name: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^[^\s#]/.test(line) && line.trimEnd().endsWith(':')) {
      const first = line.slice(0, line.trimEnd().length - 1).split(',')[0] ?? '';
      name = first.includes('__metadata') ? undefined : nameOfSpec(first);
      continue;
    }
    const version = /^ {2}version:? "?([^"\s]+)"?\s*$/.exec(line);
    if (name && version?.[1]) {
      found.push({ name, version: version[1], ecosystem: 'npm' });
      name = undefined;
    }
  }
  return found;
}
