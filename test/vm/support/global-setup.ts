// Vitest global setup for the VM tests: builds the VM with the recipe (cached while the recipe is unchanged).
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildVm } from './build-vm';
import type {} from './provided';

export default async function setup(project: TestProject): Promise<void> {
  const assets = process.env.BERTH_VM_ASSETS ?? resolve('vm-assets/dist/amd64');
  if (!process.env.BERTH_VM_ASSETS) await buildVm(assets);
  project.provide('vmAssets', assets);
}
