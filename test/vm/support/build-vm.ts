// Builds Berth's VM with the recipe (vm-assets/build.sh, as root), for the global setup and the tests that need another build.
import { spawn } from 'node:child_process';

/**
 * Runs `build.sh --out <out>` plus `args` (e.g. `--suite bookworm`), its output shown with the test's; resolves
 * when it succeeded (at once when the output is up to date with the recipe).
 */
export async function buildVm(out: string, args: readonly string[] = []): Promise<void> {
  if (process.getuid?.() !== 0)
    throw new Error('Building the VM needs root (mmdebstrap); set BERTH_VM_ASSETS to use a build');
  const started = Date.now();
  const command = ['vm-assets/build.sh', '--out', out, ...args];
  await new Promise<void>((done, fail) => {
    const child = spawn('bash', command, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', fail);
    child.once('exit', (code) =>
      code === 0 ? done() : fail(new Error(`bash ${command.join(' ')} exited with ${code}`)),
    );
  });
  process.stdout.write(`[berth vm] VM assets ready in ${Math.round((Date.now() - started) / 1000)} s (${out})\n`);
}
