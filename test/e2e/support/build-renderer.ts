// Builds the renderer once per e2e run into a temp folder, the way it ships (vite build), for the static server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '../../..');

export async function buildRenderer(): Promise<{ dir: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-e2e-renderer-'));
  await build({
    configFile: false,
    root: join(ROOT, 'src-renderer'),
    plugins: [vue()],
    logLevel: 'warn',
    build: { outDir: dir, emptyOutDir: true, sourcemap: false },
  });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
