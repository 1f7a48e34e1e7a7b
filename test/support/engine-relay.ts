// The guest's engine relay (vm-assets/relay/berth-relay.c) built with the host's gcc and run on 127.0.0.1, for tunnel tests and benchmarks.
import { execFile, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { newRelaySecret } from '../../src-main/tunnel/engine-relay';
import { ensureDebianPackages } from './packages';
import { acceptsTcp, freePort } from './ports';
import { hasExited, logFileOf, spawnTracked, stopProcess, tailFile } from './processes';
import { makeOwnedTempDir, sweepStaleTempDirs } from './temp-dirs';
import { waitFor } from './wait';

const SOURCE = resolve(import.meta.dirname, '../../vm-assets/relay/berth-relay.c');

export interface TestRelay {
  host: string;
  port: number;
  secret: Buffer;
  /** Stops the relay and removes its folder. Idempotent. */
  stop(): Promise<void>;
}

export interface TestRelayOptions {
  /** The unix socket it relays to (the "guest's" engine socket). */
  targetSocket: string;
  /** The one peer address it accepts (default 127.0.0.1). */
  peer?: string;
}

const BUILD_PREFIX = 'berth-relay-build-';
let built: Promise<string> | undefined;

/** Compiles the relay once per process, as vm-assets/build.sh does; resolves with the binary's path. */
export function buildRelay(): Promise<string> {
  built ??= (async () => {
    const { gcc } = await ensureDebianPackages({ gcc: 'gcc' });
    // A test process can end without its 'exit' event (a worker torn down): what such runs left goes here.
    sweepStaleTempDirs(BUILD_PREFIX, (stale) => rmSync(stale, { recursive: true, force: true }));
    const dir = makeOwnedTempDir(BUILD_PREFIX);
    const binary = join(dir, 'berth-relay');
    const flags = ['-O2', '-Wall', '-Wextra', '-Werror', '-static', '-pthread', '-s'];
    await promisify(execFile)(gcc!, [...flags, '-o', binary, SOURCE]).catch((error: Error) => {
      throw new Error(`Could not build the relay (is libc6-dev installed?): ${error.message}`);
    });
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return binary;
  })();
  return built;
}

/** Starts the relay on a free port of 127.0.0.1 with a fresh secret; resolves once it accepts connections. */
export async function startRelay(options: TestRelayOptions): Promise<TestRelay> {
  const binary = await buildRelay();
  const dir = makeOwnedTempDir('berth-relay-');
  const secret = newRelaySecret();
  const secretFile = join(dir, 'secret');
  writeFileSync(secretFile, secret, { mode: 0o600 });
  const port = await freePort();
  const child: ChildProcess = spawnTracked(
    binary,
    ['127.0.0.1', String(port), options.peer ?? '127.0.0.1', secretFile, options.targetSocket],
    { logFile: join(dir, 'relay.log') },
  );
  await waitFor(async () => hasExited(child) || (await acceptsTcp(port)), {
    timeoutMs: 10_000,
    message: `berth-relay on 127.0.0.1:${port}`,
  });
  if (hasExited(child)) throw new Error(`berth-relay exited at start:\n${tailFile(logFileOf(child))}`);
  let stopped = false;
  return {
    host: '127.0.0.1',
    port,
    secret,
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopProcess(child, { timeoutMs: 5_000 });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
