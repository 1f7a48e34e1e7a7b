// Bundles the dev:web backend (scripts/dev-web.ts) into one ESM file, as the app ships its main process
// bundled, so benchmarks measure Berth's code rather than a TypeScript loader.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '../../..');

export async function bundleBackend(): Promise<{ file: string; remove(): void }> {
  // Inside the project, so the bundle's imports of dependencies resolve to node_modules.
  const cache = join(ROOT, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'berth-bench-backend-'));
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: {
      ssr: join(ROOT, 'scripts/dev-web.ts'),
      outDir: dir,
      emptyOutDir: true,
      target: 'node20',
      rollupOptions: { output: { format: 'es', entryFileNames: 'dev-web.mjs' } },
    },
  });
  return { file: join(dir, 'dev-web.mjs'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
