// Run with plain Node from inside a packed app's out/main: resolves each bare specifier given and loads those that need no Electron.
import { fileURLToPath } from 'node:url';

/** Modules that load only inside Electron (electron-updater requires 'electron' at load). */
const NEEDS_ELECTRON = new Set(['electron', 'electron-updater']);

const results = [];
for (const specifier of process.argv.slice(2)) {
  const result = { specifier };
  try {
    if (specifier !== 'electron') result.path = fileURLToPath(import.meta.resolve(specifier));
    if (!NEEDS_ELECTRON.has(specifier)) {
      await import(specifier);
      result.loaded = true;
    }
  } catch (error) {
    result.error = String(error);
  }
  results.push(result);
}
console.log(`RESULTS ${JSON.stringify(results)}`);
