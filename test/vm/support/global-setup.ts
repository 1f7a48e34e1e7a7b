// Vitest global setup for the VM tests: builds the VM with the recipe (cached while the recipe is unchanged).
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import type {} from './provided';

export default async function setup(project: TestProject): Promise<void> {
  const assets = process.env.BERTH_VM_ASSETS ?? resolve('vm-assets/dist/amd64');
  if (!process.env.BERTH_VM_ASSETS) {
    if (process.getuid?.() !== 0)
      throw new Error('The VM tests build the VM, which needs root (or set BERTH_VM_ASSETS)');
    const started = Date.now();
    await run('bash', ['vm-assets/build.sh', '--out', assets]);
    process.stdout.write(`[berth vm] VM assets ready in ${Math.round((Date.now() - started) / 1000)} s (${assets})\n`);
  }
  project.provide('vmAssets', assets);
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', fail);
    child.once('exit', (code) =>
      code === 0 ? done() : fail(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}
