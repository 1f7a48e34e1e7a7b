// The built app in out/ (main, preload, renderer), rebuilt with electron-vite when missing or older than its sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'electron-vite';

const ROOT = resolve(import.meta.dirname, '../../..');
const MAIN = join(ROOT, 'out/main/index.js');
const OUTPUTS = [MAIN, join(ROOT, 'out/preload/index.cjs'), join(ROOT, 'out/renderer/index.html')];
const SOURCES = ['src-main', 'src-renderer', 'electron.vite.config.ts', 'package.json'];

/** Newest modification time under `path`, in ms. */
function newest(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stats.mtimeMs);
}

/** Builds out/ unless every output is newer than every source; returns the main bundle's path. */
export async function ensureBuiltApp(): Promise<string> {
  const built = OUTPUTS.every((path) => existsSync(path))
    ? Math.min(...OUTPUTS.map((path) => statSync(path).mtimeMs))
    : 0;
  if (SOURCES.some((path) => newest(join(ROOT, path)) > built)) await build({ root: ROOT, logLevel: 'warn' });
  return MAIN;
}
