// Runs a short command without blocking the event loop (servers under test may live in this process), with input and a time limit.
import { spawn } from 'node:child_process';

export interface CommandOptions {
  /** Written to the command's stdin, which is then closed. Default: stdin closed at once. */
  input?: Buffer | string;
  env?: NodeJS.ProcessEnv;
  /** Folder the command runs in; default this process's. */
  cwd?: string;
  /** SIGKILL the command after this many milliseconds (default 60 000). */
  timeoutMs?: number;
}

export interface CommandResult {
  /** Exit status; null when it ended by a signal (e.g. the time limit). */
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** Runs `file args…` and resolves with its exit status and outputs; rejects only if it cannot be started. */
export function runCommand(
  file: string,
  args: readonly string[],
  options: CommandOptions = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.on('error', () => undefined); // the command may exit without reading all of it
    child.stdin.end(options.input ?? '');
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${options.timeoutMs ?? 60_000} ms]`;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 60_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(stdout), stderr });
    });
  });
}
