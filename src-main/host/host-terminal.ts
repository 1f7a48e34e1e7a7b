// A terminal on the user's own computer (node-pty): their shell with DOCKER_HOST set to Berth's engine.
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { spawn, type IPty } from 'node-pty';
import { Batcher } from '../core/batcher';
import type { HostShell } from '../core/host-shell';
import { RingBuffer } from '../core/ring-buffer';
import type { Session } from '../core/session';

/** Characters of output kept for replay (the recent screen and scrollback of a tab opened again). */
export const TERMINAL_REPLAY_CHARS = 256 * 1024;

export interface TerminalOutput {
  data(session: string, text: string): void;
  exit(session: string, exitCode: number | null): void;
}

export class HostTerminalSession implements Session {
  readonly kind = 'terminal' as const;
  readonly id = `terminal-${randomBytes(9).toString('base64url')}`;
  private readonly buffer = new RingBuffer<string>({
    capacity: 100_000,
    maxWeight: TERMINAL_REPLAY_CHARS,
    weigh: (s) => s.length,
  });
  private readonly batcher: Batcher<string>;
  private readonly pty: IPty;
  private exited = false;

  /** Starts `shell` in the user's home folder at `cols`×`rows` characters; throws when it cannot be started. */
  constructor(
    readonly owner: string,
    shell: HostShell,
    size: { cols: number; rows: number },
    private readonly output: TerminalOutput,
  ) {
    this.batcher = new Batcher((chunks) => output.data(this.id, chunks.join('')), { intervalMs: 16 });
    this.pty = spawn(shell.file, shell.args, {
      name: shell.env.TERM ?? 'xterm-256color',
      cols: size.cols,
      rows: size.rows,
      cwd: homedir(),
      env: shell.env,
    });
    this.pty.onData((text) => {
      this.buffer.push(text);
      this.batcher.push(text);
    });
    this.pty.onExit(({ exitCode, signal }) => {
      this.exited = true;
      this.batcher.flush();
      output.exit(this.id, signal ? null : exitCode);
    });
  }

  write(data: string): void {
    if (this.exited) throw new Error('the shell has exited');
    this.pty.write(data);
  }

  resize(cols: number, rows: number): void {
    if (!this.exited) this.pty.resize(cols, rows);
  }

  replay(): string {
    return this.buffer.toArray().join('');
  }

  /** Ends the shell (SIGHUP, as when a terminal window closes). */
  close(): void {
    this.batcher.dispose();
    if (!this.exited) this.pty.kill('SIGHUP');
  }
}
