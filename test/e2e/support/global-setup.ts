// E2E global setup: the built renderer (the engine and test image come from the integration setup).
import type { TestProject } from 'vitest/node';
import { buildRenderer } from './build-renderer';
import type {} from './provided';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const renderer = await buildRenderer();
  process.stdout.write(`[berth e2e] renderer built in ${Date.now() - started} ms\n`);
  project.provide('rendererDir', renderer.dir);
  return async () => renderer.remove();
}
