// The exit code of an exec'd process, read once the engine has recorded it.
import type Dockerode from 'dockerode';

const ATTEMPTS = 20;
const INTERVAL_MS = 50;

/**
 * The exit code, waiting up to ~1 s (20 × 50 ms) for the engine to record it after the output
 * stream closed; null when it cannot tell (still running, or the exec is gone).
 */
export async function execExitCode(exec: Dockerode.Exec): Promise<number | null> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const info = await exec.inspect().catch(() => undefined);
    if (!info) return null;
    if (!info.Running) return info.ExitCode ?? null;
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
  }
  return null;
}
