// ESM loader hooks (node:module register): `import … from 'electron'` in the built main resolves to the stand-in.
import type { ResolveHook } from 'node:module';

const STAND_IN = new URL('./electron.ts', import.meta.url).href;

export const resolve: ResolveHook = (specifier, context, nextResolve) =>
  specifier === 'electron' ? { url: STAND_IN, shortCircuit: true } : nextResolve(specifier, context);
