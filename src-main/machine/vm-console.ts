// What the VM's console log says when QEMU fails: its last lines, and a guest kernel panic, for the machine's reasons.
import { readFile } from 'node:fs/promises';
import { kernelPanicIn } from './guest-panic';

/** Lines of the console log quoted when QEMU dies. */
const CONSOLE_TAIL_LINES = 8;

/** The console log's text, or '' when there is none yet. */
function consoleText(path: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => '');
}

/** The console log's last lines, joined with " | ". */
export async function consoleTail(path: string): Promise<string> {
  const text = await consoleText(path);
  return text.trim().split('\n').slice(-CONSOLE_TAIL_LINES).join(' | ');
}

/** The guest kernel's panic line in the console log, if it panicked. */
export async function consolePanic(path: string): Promise<string | undefined> {
  return kernelPanicIn(await consoleText(path));
}

/** Why QEMU went away on its own (`how`: "was killed (SIGKILL)", "exited with code 1"), from its stderr or console. */
export async function crashReason(path: string, how: string, stderr: string): Promise<string> {
  const panic = await consolePanic(path);
  if (panic) return `The VM's kernel crashed: ${panic} (QEMU ${how})`;
  const detail = stderr.trim() || (await consoleTail(path));
  return `QEMU ${how}${detail ? `: ${detail}` : ''}`;
}
