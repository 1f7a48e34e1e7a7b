// The docker CLI inside Berth's VM, run over SSH next to the guest's engine: home and shared folders are at the
// same paths there, so a compose project's files and bind mounts resolve as on this computer.
import { LineAssembler } from '../core/line-assembler';
import { shellCommand } from '../core/shell-quote';
import { CancelledError, UnsupportedError } from '../engine/errors';
import type { SshTarget } from '../machine/machine';
import type { ClientChannel, SshSession } from '../tunnel/ssh-session';
import { CliFailedError, type CliOptions, type CliResult } from './cli-runner';
import type { CliLoginOptions, DockerCli } from './docker-cli';
import { GUEST_RUNS_DIR, guestLoginRun } from './guest-cli-logins';
import { GuestSshPool } from './guest-ssh-pool';

/**
 * Collects what the guest's command prints. Its first stdout line is the shell's pid (the command `exec`s in its
 * place): a cancel signals that pid through a second command, since sshd passes no signals to a command without a
 * terminal.
 */
function collect(ssh: SshSession, channel: ClientChannel, command: string, options: CliOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const output = { stdout: '', stderr: '' };
    let pid: string | undefined;
    let head = '';
    /** What follows the pid line, once it has come. */
    const afterPid = (chunk: Buffer): Buffer | undefined => {
      if (pid !== undefined) return chunk;
      head += chunk.toString();
      const end = head.indexOf('\n');
      if (end < 0) return undefined;
      pid = head.slice(0, end);
      return Buffer.from(head.slice(end + 1));
    };
    const sources = { stdout: channel, stderr: channel.stderr } as const;
    for (const stream of ['stdout', 'stderr'] as const) {
      const lines = new LineAssembler({ maxLineLength: 1024 * 1024 });
      const deliver = (found: string[]) => found.forEach((line) => options.onLine?.(stream, line));
      sources[stream].on('data', (chunk: Buffer) => {
        const data = stream === 'stdout' ? afterPid(chunk) : chunk;
        if (!data?.length) return;
        output[stream] += data.toString();
        deliver(lines.push(data));
      });
      sources[stream].on('end', () => deliver(lines.flush()));
    }
    channel.end(options.input ?? '');
    let code: number | null = null;
    let cancelled = false;
    let killTimer: ReturnType<typeof setTimeout> | undefined;
    const signal = (name: 'INT' | 'KILL') => {
      if (pid && /^\d+$/.test(pid)) void ssh.exec(`kill -${name} ${pid}`, { timeoutMs: 10_000 }).catch(() => undefined);
    };
    const cancel = () => {
      cancelled = true;
      signal('INT');
      killTimer = setTimeout(() => signal('KILL'), options.killAfterMs ?? 5000);
    };
    options.signal?.addEventListener('abort', cancel, { once: true });
    channel.on('exit', (exitCode: number | null) => (code = typeof exitCode === 'number' ? exitCode : null));
    channel.on('close', () => {
      clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', cancel);
      if (cancelled) reject(new CancelledError(`${command} was cancelled`));
      else if (code === 0) resolve(output);
      else reject(new CliFailedError(code, output.stderr, command));
    });
  });
}

/**
 * The guest's CLI while the VM runs (`target` gives how to log in, undefined while it does not). Its commands share
 * one SSH connection while they come close together. Each run is given the logins Berth keeps (`logins.runsDir` is
 * the guest folder their runs' folders are made in, default GUEST_RUNS_DIR).
 */
export function guestDockerCli(
  target: () => SshTarget | undefined,
  pool = new GuestSshPool(),
  logins: CliLoginOptions = {},
): DockerCli {
  const withSession = <T>(work: (ssh: SshSession) => Promise<T>) => {
    const ssh = target();
    if (!ssh) throw new UnsupportedError("Berth's VM is not running: start it to run the docker CLI there");
    return pool.use(ssh, work);
  };
  return {
    where: 'vm',
    async run(args, options = {}) {
      const program = options.program ?? 'docker';
      const command = `${program} ${args.slice(0, 2).join(' ')}`;
      if (options.signal?.aborted) throw new CancelledError(`${command} was cancelled`);
      const given = (await logins.listLogins?.()) ?? [];
      return withSession(async (ssh) => {
        const run = given.length ? await guestLoginRun(ssh, given, logins.runsDir ?? GUEST_RUNS_DIR) : undefined;
        const line = `exec ${shellCommand([program, ...args])}`;
        const inFolder = options.cwd ? `cd ${shellCommand([options.cwd])} && ${line}` : line;
        if (!run) return collect(ssh, await ssh.execChannel(`echo $$ && ${inFolder}`), command, options);
        try {
          const channel = await ssh.execChannel(`echo $$ && ${run.setup} && ${inFolder}`);
          const input = Buffer.concat([Buffer.from(run.preamble), Buffer.from(options.input ?? '')]);
          return await collect(ssh, channel, command, { ...options, input });
        } finally {
          await run.remove();
        }
      });
    },
    async unseen(paths) {
      if (!paths.length) return [];
      return withSession(async (ssh) => {
        const script = `for p in ${shellCommand(paths)}; do [ -e "$p" ] || printf '%s\\n' "$p"; done`;
        const result = await ssh.exec(script, { timeoutMs: 20_000 });
        return result.stdout.split('\n').filter(Boolean);
      });
    },
  };
}
