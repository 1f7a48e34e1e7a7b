// Benchmark: an ssh:// engine (Debian's sshd in front of a private dockerd with 1,000 containers) through Berth's
// SshEngine beside the docker CLI's own `docker -H ssh://…` (ssh and dial-stdio started per call) and the direct
// socket, in one run. Run: npm run bench:ssh-engine
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBackend, type Backend } from '../../src-main/api/backend';
import { SshEngine } from '../../src-main/endpoints/ssh-engine';
import { parseEngineAddress } from '../../src-main/engine/endpoint';
import { startSshd } from '../support/sshd';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { createContainers, startBenchEngine } from './support/bench-engine';
import { latencyCell, timeToFirstByte } from './support/latency';
import { median, printTable } from './support/table';

const COUNT = Number(process.env.BENCH_CONTAINERS ?? 1000);
const CLI_CALLS = Number(process.env.BENCH_CLI_CALLS ?? 15);
const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const LIST_ROUNDS = 7;

/** Median ms of `count` runs of `call`, after one run not counted. */
async function timed(count: number, call: () => Promise<unknown> | unknown): Promise<number[]> {
  await call();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return times;
}

async function listThrough(backend: Backend): Promise<number> {
  const answer = await backend.dispatch('containers.list', { all: true }, { client: 'bench' });
  if (!answer.ok) throw new Error(answer.error.message);
  return (answer.value as unknown[]).length;
}

const engine = await startBenchEngine('bench-ssh-engine');
const sshd = await startSshd({ DOCKER_HOST: engine.dockerd.dockerHost });
const dir = makeOwnedTempDir('berth-bench-ssh-engine-');
const backends: Backend[] = [];
let berth: SshEngine | undefined;
try {
  console.log(`creating ${COUNT} containers…`);
  await createContainers(engine, 'bench', COUNT);
  // The docker CLI's ssh:// runs the `ssh` on PATH: this one logs in with the test key and pins the test host key.
  const sshWrapper = join(dir, 'bin', 'ssh');
  mkdirSync(join(dir, 'bin'));
  writeFileSync(
    sshWrapper,
    `#!/bin/sh\nexec /usr/bin/ssh -F /dev/null -i ${sshd.privateKeyFile} -o UserKnownHostsFile=${sshd.knownHostsFile} ` +
      `-o StrictHostKeyChecking=yes -o BatchMode=yes "$@"\n`,
  );
  chmodSync(sshWrapper, 0o755);
  const cliEnv = { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}` };
  const sshHost = `ssh://root@${sshd.host}:${sshd.port}`;
  const emptyConfig = join(dir, 'ssh_config');
  writeFileSync(emptyConfig, '');
  berth = await SshEngine.open({
    address: sshHost,
    privateKey: sshd.privateKey,
    hostKey: sshd.hostPublicKey,
    socketPath: join(dir, 'engine.sock'),
    remoteSocket: engine.dockerd.socketPath,
    sshConfigFile: emptyConfig,
    env: {},
  });
  const berthSocket = join(dir, 'engine.sock');

  const cliCall = (host: string) => () =>
    execFileSync('docker', ['-H', host, 'version', '--format', '{{.Server.APIVersion}}'], {
      env: cliEnv,
      stdio: 'pipe',
    });
  const cliSsh = await timed(CLI_CALLS, cliCall(sshHost));
  const cliDirect = await timed(CLI_CALLS, cliCall(engine.dockerd.dockerHost));
  const perCall = async (socketPath: string, agent: Agent | false) => {
    const times: number[] = [];
    for (let i = 0; i < CALLS; i++) times.push(await timeToFirstByte(socketPath, agent));
    return times;
  };
  const berthNew = await perCall(berthSocket, false);
  const directNew = await perCall(engine.dockerd.socketPath, false);
  const berthKept = await perCall(berthSocket, new Agent({ keepAlive: true, maxSockets: 1 }));
  const directKept = await perCall(engine.dockerd.socketPath, new Agent({ keepAlive: true, maxSockets: 1 }));

  const viaSsh = createBackend(berth.endpoint);
  const direct = createBackend(parseEngineAddress(engine.dockerd.dockerHost));
  backends.push(viaSsh, direct);
  const listed = await listThrough(viaSsh);
  if (listed < COUNT) throw new Error(`listed ${listed} containers through ssh://, expected ${COUNT}`);
  const listSsh = await timed(LIST_ROUNDS, () => listThrough(viaSsh));
  const listDirect = await timed(LIST_ROUNDS, () => listThrough(direct));

  console.log(
    `engine call, ms (median, p90): docker -H ssh:// ${latencyCell(cliSsh)}; docker -H unix:// ${latencyCell(cliDirect)}; ` +
      `Berth ssh:// new connection ${latencyCell(berthNew)}, keep-alive ${latencyCell(berthKept)}; ` +
      `direct socket new connection ${latencyCell(directNew)}, keep-alive ${latencyCell(directKept)}`,
  );
  printTable(`ssh:// engine (${COUNT} containers, ${CALLS} calls, ${LIST_ROUNDS} lists)`, [
    {
      case: "engine call: Berth's ssh:// (new connection) vs docker -H ssh://",
      berth: median(berthNew),
      baseline: median(cliSsh),
      unit: 'ms',
      maxRatio: 0.2,
    },
    {
      case: `containers.list of ${COUNT}: Berth's ssh:// vs the direct socket`,
      berth: median(listSsh),
      baseline: median(listDirect),
      unit: 'ms',
      maxRatio: 1.2,
    },
  ]);
} finally {
  for (const backend of backends) await backend.stop();
  await berth?.close();
  await sshd.stop();
  await engine.dockerd.stop();
  rmSync(dir, { recursive: true, force: true });
}
