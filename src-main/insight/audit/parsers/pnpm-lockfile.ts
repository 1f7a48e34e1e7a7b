// pnpm-lock.yaml's "packages" keys: "/name/1.2.3" (v5), "/name@1.2.3" (v6), "name@1.2.3" (v9), peers in "(…)".
import type { FoundPackage } from './found-package';

const KEY = /^ {2}'?\/?((?:@[^/@\s]+\/)?[^/@\s(']+)[@/](\d[^(:'\s]*)/;

export function parsePnpmLockfile(text: string): FoundPackage[] {
  const found: FoundPackage[] = [];
  let inPackages = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^\S/.test(line)) {
      inPackages = line.trimEnd() === 'packages:';
      continue;
    }
    if (!inPackages) continue;
    const key = KEY.exec(line);
    if (key?.[1] && key[2]) found.push({ name: key[1], version: key[2], ecosystem: 'npm' });
  }
  return found;
}
