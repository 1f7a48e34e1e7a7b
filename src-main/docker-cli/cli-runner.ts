// Runs the official docker CLI (compose, buildx, stack deploy) against one engine from this computer: its output
// streamed line by line as it comes, cancelled by stopping the process, and on failure the CLI's own words.
import { spawn } from 'node:child_process';
import { LineAssembler } from '../core/line-assembler';
import { CancelledError, UnsupportedError } from '../engine/errors';

/** Where the CLI is and which engine it talks to. */
export interface CliTarget {
  /** The docker executable (its compose and buildx plugins come from its config's cli-plugins or the system's). */
  docker: string;
  /** DOCKER_HOST of the engine, e.g. "unix:///run/user/1000/berth/docker.sock". */
  dockerHost: string;
  /** More environment for the CLI (DOCKER_CONFIG, a compose project's variables). */
  env?: Record<string, string>;
}

/** A CLI beside docker, run by its name from the PATH where the engine is: the end-of-life compose v1, to name it. */
export type StandaloneCli = 'docker-compose';

export interface CliOptions {
  /** Runs this CLI instead of docker. */
  program?: StandaloneCli;
  /** Folder the command runs in (a compose project's working folder). */
  cwd?: string;
  /** Written to the CLI's standard input, which is then closed. */
  input?: string | Buffer;
  /** Each line the CLI prints, as it prints it, without its line end. */
  onLine?: (stream: 'stdout' | 'stderr', line: string) => void;
  /**
   * Aborting stops the CLI as Ctrl-C in a terminal would (SIGINT: compose and buildx cancel their work on the engine,
   * `run` passes it to the container), SIGKILL after `killAfterMs`, and rejects with CancelledError.
   */
  signal?: AbortSignal;
  /** Milliseconds between SIGTERM and SIGKILL on cancel; default 5000. */
  killAfterMs?: number;
}

export interface CliResult {
  stdout: string;
  stderr: string;
}

/** The CLI ran and failed: the message is what it said (its last lines of stderr), with its exit code. */
export class CliFailedError extends Error {
  constructor(
    readonly exitCode: number | null,
    readonly stderr: string,
    command: string,
  ) {
    super(lastWords(stderr) || `${command} failed with exit code ${exitCode}`);
    this.name = 'CliFailedError';
  }
}

/** How much of a failing CLI's stderr its error message keeps, in lines. */
const MESSAGE_LINES = 20;

function lastWords(stderr: string): string {
  return stderr.trim().split('\n').slice(-MESSAGE_LINES).join('\n');
}

/**
 * Runs `docker <args…>` (or `options.program`'s) against the target engine and resolves with what it printed once it
 * exits with 0.
 * @throws CliFailedError when it exits otherwise; CancelledError when `signal` aborts it; UnsupportedError when the
 *   executable cannot be started (not installed).
 */
export function runDockerCli(target: CliTarget, args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const command = `${options.program ?? 'docker'} ${args.slice(0, 2).join(' ')}`;
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new CancelledError(`${command} was cancelled`));
    const child = spawn(options.program ?? target.docker, args, {
      cwd: options.cwd,
      env: { ...process.env, ...target.env, DOCKER_HOST: target.dockerHost },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const output = { stdout: '', stderr: '' };
    for (const stream of ['stdout', 'stderr'] as const) {
      const lines = new LineAssembler({ maxLineLength: 1024 * 1024 });
      const deliver = (found: string[]) => found.forEach((line) => options.onLine?.(stream, line));
      child[stream].on('data', (chunk: Buffer) => {
        output[stream] += chunk.toString();
        deliver(lines.push(chunk));
      });
      child[stream].on('end', () => deliver(lines.flush()));
    }
    child.stdin.on('error', () => undefined); // the CLI may exit without reading all of it
    child.stdin.end(options.input ?? '');

    let cancelled = false;
    let killTimer: ReturnType<typeof setTimeout> | undefined;
    const cancel = () => {
      cancelled = true;
      child.kill('SIGINT');
      killTimer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 5000);
    };
    options.signal?.addEventListener('abort', cancel, { once: true });
    const finish = () => {
      clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', cancel);
    };

    child.once('error', (error: NodeJS.ErrnoException) => {
      finish();
      reject(
        error.code !== 'ENOENT'
          ? error
          : new UnsupportedError(
              options.program
                ? `${options.program} is not installed`
                : `the docker CLI is not installed (${target.docker})`,
            ),
      );
    });
    child.once('close', (code) => {
      finish();
      if (cancelled) reject(new CancelledError(`${command} was cancelled`));
      else if (code === 0) resolve(output);
      else reject(new CliFailedError(code, output.stderr, command));
    });
  });
}
