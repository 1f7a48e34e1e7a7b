// Benchmark: engine calls through Berth's engine socket (the guest's relay) and a forwarded port (ssh2, one SSH
// connection) beside the direct socket, OpenSSH `-L` and the engine socket over ssh2 streamlocal, all in one run
// against a local relay, sshd and dockerd. Run: npm run bench:tunnel
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { startPrivateDockerd } from '../support/dockerd';
import { startRelay } from '../support/engine-relay';
import { httpGet } from '../support/http';
import { acceptsTcp, freePort } from '../support/ports';
import { spawnTracked, stopProcess } from '../support/processes';
import { startSshd, type TestSshd } from '../support/sshd';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { waitFor } from '../support/wait';
import { latencyCell, timeToFirstByte } from './support/latency';
import { median } from './support/table';
import { printRows, printThroughput, transfer } from './support/throughput';

const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const SPACED_CALLS = Number(process.env.BENCH_SPACED_CALLS ?? 20);
const SPACING_MS = 300;
/**
 * Calls per path before measuring. Berth's forwarder lives in the app's long-running main process,
 * whose hot paths V8 has long optimised; a fresh process needs a few thousand calls to get there.
 */
const WARM_UP_CALLS = Number(process.env.BENCH_WARM_UP_CALLS ?? 2000);
const TRANSFER_MIB = Number(process.env.BENCH_MIB ?? 256);
const TRANSFER_ROUNDS = 3;
const ROOT = resolve(import.meta.dirname, '../..');
const MiB = 1024 * 1024;

/** One keep-alive agent (so one connection) per path. */
const keepAliveAgents = new Map<string, Agent>();

interface SocketPath {
  name: string;
  socketPath: string;
}

const dockerd = await startPrivateDockerd({ name: 'bench-tunnel', networking: 'none' });
const sshd = await startSshd();
const relay = await startRelay({ targetSocket: dockerd.socketPath });
const dir = makeOwnedTempDir('berth-bench-tunnel-');
const helpers: ChildProcess[] = [];
try {
  const sourcePort = await freePortOnBoth();
  const [opensshPort, opensshGcmPort] = [await freePort(), await freePort()];
  helpers.push(
    await startHelper(['test/bench/support/byte-source.ts', String(sourcePort), String(TRANSFER_MIB * MiB)]),
  );
  const openssh = startOpenSsh(sshd, [
    ['-L', `${join(dir, 'openssh.sock')}:${dockerd.socketPath}`],
    ['-L', `127.0.0.1:${opensshPort}:127.0.0.1:${sourcePort}`],
  ]);
  const opensshGcm = startOpenSsh(sshd, [
    ['-c', 'aes128-gcm@openssh.com'],
    ['-L', `127.0.0.1:${opensshGcmPort}:127.0.0.1:${sourcePort}`],
  ]);
  const berthSide = await startHelper(['test/bench/support/tunnel-berth-side.ts'], {
    sshd: {
      host: sshd.host,
      port: sshd.port,
      username: sshd.username,
      privateKey: sshd.privateKey,
      hostKey: sshd.hostPublicKey,
    },
    relay: { host: relay.host, port: relay.port, secret: relay.secret.toString('hex') },
    guestSocketPath: dockerd.socketPath,
    dir: join(dir, 'berth'),
    guestPort: sourcePort,
  });
  helpers.push(berthSide);
  const berth = JSON.parse(berthSide.readyLine) as {
    socketPath: string;
    sshSocketPath: string;
    host: string;
    port: number;
  };

  const sockets: SocketPath[] = [
    { name: 'direct', socketPath: dockerd.socketPath },
    { name: 'OpenSSH -L', socketPath: join(dir, 'openssh.sock') },
    { name: 'ssh2 streamlocal', socketPath: berth.sshSocketPath },
    { name: 'Berth', socketPath: berth.socketPath },
  ];
  for (const path of sockets) {
    await waitFor(async () => (await httpGet({ socketPath: path.socketPath, path: '/_ping' })).body === 'OK', {
      timeoutMs: 20_000,
      message: `${path.name} socket answers /_ping`,
    });
  }
  await waitFor(async () => (await acceptsTcp(opensshPort)) && (await acceptsTcp(opensshGcmPort)), {
    timeoutMs: 20_000,
    message: 'OpenSSH -L ports',
  });

  console.log(
    `[bench:tunnel] warming up (${WARM_UP_CALLS} calls per path), then ${CALLS} calls back-to-back per path…`,
  );
  await backToBack(sockets, WARM_UP_CALLS, () => false);
  const newConnection = await backToBack(sockets, CALLS, () => false);
  console.log(`[bench:tunnel] ${CALLS} calls on one keep-alive connection per path…`);
  const keepAlive = await backToBack(sockets, CALLS, (name) => keepAliveAgent(name));
  for (const agent of keepAliveAgents.values()) agent.destroy();
  console.log(`[bench:tunnel] ${SPACED_CALLS} calls per path, ${SPACING_MS} ms apart…`);
  const spaced = await spacedCalls(sockets);
  printLatency([
    { case: 'new connection per call, back-to-back', samples: newConnection, maxRatio: 3 },
    { case: `new connection per call, ${SPACING_MS} ms apart`, samples: spaced, maxRatio: 3 },
    { case: 'keep-alive (one connection), back-to-back', samples: keepAlive, maxRatio: 2 },
  ]);

  console.log(`[bench:tunnel] ${TRANSFER_MIB} MiB through each path, ${TRANSFER_ROUNDS} rounds…`);
  const targets = [
    { name: 'direct', host: '127.0.0.1', port: sourcePort },
    { name: 'OpenSSH -L (default cipher)', host: '127.0.0.1', port: opensshPort },
    { name: 'OpenSSH -L -c aes128-gcm', host: '127.0.0.1', port: opensshGcmPort },
    { name: 'Berth (ssh2 forwardOut)', host: berth.host, port: berth.port },
  ];
  const rates = new Map<string, number[]>(targets.map((t) => [t.name, []]));
  for (let round = 0; round < TRANSFER_ROUNDS; round++) {
    for (const target of targets) rates.get(target.name)!.push(await transfer(target.host, target.port, TRANSFER_MIB));
  }
  printThroughput(
    `Forwarded TCP port, ${TRANSFER_MIB} MiB from a server in the "guest", MiB/s: median of ${TRANSFER_ROUNDS} (all rounds)`,
    rates,
    'OpenSSH -L (default cipher)',
    'Berth (ssh2 forwardOut)',
  );
  await stopProcess(openssh, { timeoutMs: 5_000 });
  await stopProcess(opensshGcm, { timeoutMs: 5_000 });
} finally {
  for (const helper of helpers) helper.stdin?.end();
  await Promise.all(
    helpers.map((helper) => new Promise((done) => (helper.exitCode !== null ? done(0) : helper.once('exit', done)))),
  );
  await relay.stop();
  await sshd.stop();
  await dockerd.stop();
  rmSync(dir, { recursive: true, force: true });
}

/** A TCP port free on both 127.0.0.1 (the "guest" server) and 127.0.0.2 (Berth's host side of it). */
async function freePortOnBoth(): Promise<number> {
  for (;;) {
    const port = await freePort();
    const free = await new Promise<boolean>((done) => {
      const probe = createServer();
      probe.once('error', () => done(false));
      probe.listen(port, '127.0.0.2', () => probe.close(() => done(true)));
    });
    if (free) return port;
  }
}

/** A helper script under tsx, given `input` as one JSON line; resolves with its first stdout line. */
async function startHelper(args: string[], input?: unknown): Promise<ChildProcess & { readyLine: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  if (input !== undefined) child.stdin!.write(`${JSON.stringify(input)}\n`);
  const line = await new Promise<string>((done, fail) => {
    createInterface({ input: child.stdout! }).once('line', done);
    child.once('exit', (code) => fail(new Error(`${args[0]} exited with code ${code} before it was ready`)));
  });
  return Object.assign(child, { readyLine: line });
}

/** `ssh -N` to the test sshd with the given extra options (forwards, cipher). */
function startOpenSsh(server: TestSshd, extra: string[][]): ChildProcess {
  return spawnTracked('ssh', [
    '-N',
    '-F',
    '/dev/null',
    '-o',
    'BatchMode=yes',
    '-o',
    'ExitOnForwardFailure=yes',
    '-o',
    'StreamLocalBindUnlink=yes',
    '-o',
    `UserKnownHostsFile=${server.knownHostsFile}`,
    '-o',
    'IdentitiesOnly=yes',
    '-i',
    server.privateKeyFile,
    '-p',
    String(server.port),
    ...extra.flat(),
    `${server.username}@${server.host}`,
  ]);
}

function keepAliveAgent(name: string): Agent {
  let agent = keepAliveAgents.get(name);
  if (!agent) {
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    keepAliveAgents.set(name, agent);
  }
  return agent;
}

/**
 * `count` calls per path, interleaved in blocks of ten so load from elsewhere hits every path
 * alike, in an order that rotates each round: a path's block does not always follow the same
 * other path's (whose closing connections still cost CPU for a while, ~45 ms each over SSH).
 */
async function backToBack(
  paths: SocketPath[],
  count: number,
  agentFor: (name: string) => Agent | false,
): Promise<Map<string, number[]>> {
  const samples = new Map<string, number[]>(paths.map((p) => [p.name, []]));
  for (let done = 0, round = 0; done < count; done += 10, round++) {
    const shift = round % paths.length;
    for (const path of [...paths.slice(shift), ...paths.slice(0, shift)]) {
      for (let i = 0; i < Math.min(10, count - done); i++) {
        samples.get(path.name)!.push(await timeToFirstByte(path.socketPath, agentFor(path.name)));
      }
    }
  }
  return samples;
}

/** Calls SPACING_MS apart, taking the paths in turn. */
async function spacedCalls(paths: SocketPath[]): Promise<Map<string, number[]>> {
  const samples = new Map<string, number[]>(paths.map((p) => [p.name, []]));
  for (let i = 0; i < SPACED_CALLS; i++) {
    for (const path of paths) {
      await new Promise((r) => setTimeout(r, SPACING_MS));
      samples.get(path.name)!.push(await timeToFirstByte(path.socketPath, false));
    }
  }
  return samples;
}

function printLatency(rows: Array<{ case: string; samples: Map<string, number[]>; maxRatio: number }>): void {
  printRows(
    'Engine call GET /_ping, time to first response byte, ms: median (p90). Berth: through the engine relay',
    ['case', 'direct socket', 'OpenSSH -L', 'ssh2 streamlocal', 'Berth', 'Berth / direct', 'target', ''],
    rows.map((row) => {
      const direct = row.samples.get('direct')!;
      const berth = row.samples.get('Berth')!;
      const ratio = median(berth) / median(direct);
      return [
        row.case,
        latencyCell(direct),
        latencyCell(row.samples.get('OpenSSH -L')!),
        latencyCell(row.samples.get('ssh2 streamlocal')!),
        latencyCell(berth),
        `${ratio.toFixed(2)}×`,
        `≤ ${row.maxRatio.toFixed(1)}×`,
        ratio <= row.maxRatio ? 'met' : 'MISSED',
      ];
    }),
  );
}
