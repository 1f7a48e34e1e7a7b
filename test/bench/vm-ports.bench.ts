// Benchmark: a port a container in Berth's VM publishes, downloaded through Berth's ssh2 forward, QEMU's own hostfwd
// and OpenSSH -L over the same VM's sshd, all in one run. Run: npm run bench:vm-ports
import { execFile, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chooseAccelerator, probeHostFacts } from '../../src-main/machine/accelerator';
import { machineHome } from '../../src-main/machine/machine-home';
import { QemuMachine } from '../../src-main/machine/qemu-machine';
import { freePort } from '../support/ports';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { waitFor } from '../support/wait';
import { printThroughput, transfer } from './support/throughput';

const MIB = Number(process.env.BENCH_MIB ?? 64);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const RESOURCES = { cpus: 2, memoryMiB: 1536, diskGiB: 16 };
const assetsDir = resolve(process.env.BERTH_VM_ASSETS ?? 'vm-assets/dist/amd64');
const root = makeOwnedTempDir('berth-bench-ports-');
const home = machineHome(root);
const [port, hostfwdPort, opensshPort] = [await freePort(), await freePort(), await freePort()];

function docker(args: string[]): Promise<string> {
  return new Promise((done, fail) =>
    execFile(
      'docker',
      args,
      { env: { ...process.env, DOCKER_HOST: `unix://${home.dockerSocket}` } },
      (error, stdout) => (error ? fail(error) : done(stdout)),
    ),
  );
}

const machine = new QemuMachine({
  home,
  assetsDir,
  resources: RESOURCES,
  dockerConfigDir: join(root, 'docker'),
  extraHostForwards: [{ protocol: 'tcp', hostAddress: '127.0.0.1', hostPort: hostfwdPort, guestPort: port }],
});
let openssh: ReturnType<typeof spawn> | undefined;
try {
  await machine.start();
  // Each connection gets MIB MiB and the end of the stream.
  await docker([
    'run', '-d', '-p', `${port}:80`, 'berth/helper:1', 'busybox', 'nc', '-ll', '-p', '80', '-e',
    'busybox', 'dd', 'if=/dev/zero', 'bs=1M', `count=${MIB}`,
  ]); // prettier-ignore
  const ssh = machine.ssh!;
  openssh = spawn('ssh', [
    ...['-i', ssh.identityFile, '-o', `UserKnownHostsFile=${ssh.knownHostsFile}`, '-o', 'StrictHostKeyChecking=yes'],
    ...['-p', String(ssh.port), '-N', '-L', `127.0.0.1:${opensshPort}:127.0.0.1:${port}`, `${ssh.user}@${ssh.host}`],
  ]);
  const paths = [
    { name: 'OpenSSH -L (over the VM sshd)', port: opensshPort },
    { name: 'QEMU hostfwd', port: hostfwdPort },
    { name: 'Berth (ssh2 forwardOut)', port },
  ];
  for (const path of paths) {
    await waitFor(() => transfer('127.0.0.1', path.port, MIB).catch(() => undefined), {
      timeoutMs: 120_000,
      message: `${path.name} to deliver ${MIB} MiB`,
    });
  }
  const rates = new Map<string, number[]>(paths.map((p) => [p.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const path of paths) rates.get(path.name)!.push(await transfer('127.0.0.1', path.port, MIB));
  }
  const accel = chooseAccelerator(await probeHostFacts()).accel;
  printThroughput(
    `Published port of a container in the VM (${accel}), ${MIB} MiB per download, MiB/s: median of ${ROUNDS} (all rounds)`,
    rates,
    'OpenSSH -L (over the VM sshd)',
    'Berth (ssh2 forwardOut)',
  );
} finally {
  openssh?.kill();
  await machine.stop().catch(() => undefined);
  await machine.dispose();
  await rm(root, { recursive: true, force: true });
}
