// npm's package-lock.json (and npm-shrinkwrap.json): v1's nested "dependencies", v2/v3's flat "packages".
import type { FoundPackage } from './found-package';

interface V1Dependency {
  version?: string;
  bundled?: boolean;
  dependencies?: Record<string, V1Dependency>;
}

interface Lockfile {
  lockfileVersion?: number;
  packages?: Record<string, { version?: string; name?: string; link?: boolean }>;
  dependencies?: Record<string, V1Dependency>;
}

/** The package name an entry of "packages" is for: what follows its last "node_modules/". */
function nameOfPackagePath(path: string): string | undefined {
  const at = path.lastIndexOf('node_modules/');
  return at < 0 ? undefined : path.slice(at + 'node_modules/'.length);
}

function collectV1(dependencies: Record<string, V1Dependency>, found: FoundPackage[], depth: number): void {
  if (depth > 64) return;
  for (const [name, dependency] of Object.entries(dependencies)) {
    // A version like "file:…" or a git URL is not a registry version: nothing to match.
    if (dependency.version && /^\d/.test(dependency.version))
      found.push({ name, version: dependency.version, ecosystem: 'npm' });
    if (dependency.dependencies) collectV1(dependency.dependencies, found, depth + 1);
  }
}

/** The packages a lockfile pins; an unreadable file gives none. */
export function parseNpmLockfile(text: string): FoundPackage[] {
  let lock: Lockfile;
  try {
    lock = JSON.parse(text) as Lockfile;
  } catch {
    return [];
  }
  const found: FoundPackage[] = [];
  if (lock.packages && (lock.lockfileVersion ?? 1) >= 2) {
    for (const [path, entry] of Object.entries(lock.packages)) {
      // "" is the project itself.
      const name = path === '' ? undefined : (entry.name ?? nameOfPackagePath(path));
      if (!name || entry.link || !entry.version) continue;
      found.push({ name, version: entry.version, ecosystem: 'npm' });
    }
  } else if (lock.dependencies) collectV1(lock.dependencies, found, 0);
  return found;
}

/** An installed package's own package.json (node_modules/NAME/package.json). */
export function parseNodePackageJson(text: string): FoundPackage[] {
  try {
    const manifest = JSON.parse(text) as { name?: unknown; version?: unknown };
    return typeof manifest.name === 'string' && typeof manifest.version === 'string'
      ? [{ name: manifest.name, version: manifest.version, ecosystem: 'npm' }]
      : [];
  } catch {
    return [];
  }
}
