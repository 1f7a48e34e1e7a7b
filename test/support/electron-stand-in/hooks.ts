// ESM loader hooks (node:module register): `import … from 'electron'` in the built main resolves to the stand-in.
// Why a resolve hook: electron-vite builds out/main as ESM (`import { app, … } from "electron"`, package.json has
// "type": "module"), and the real `electron` package is CommonJS exporting only the binary's path, so no named export
// would link. The child runs `node --import tsx`, registered before this, so the hooks and the stand-in may be TypeScript.
// (The preload, out/preload/index.cjs, is CommonJS and uses require('electron'): not loaded by these hooks.)
import type { ResolveHook } from 'node:module';

const STAND_IN = new URL('./electron.ts', import.meta.url).href;

export const resolve: ResolveHook = (specifier, context, nextResolve) =>
  specifier === 'electron' ? { url: STAND_IN, shortCircuit: true } : nextResolve(specifier, context);
