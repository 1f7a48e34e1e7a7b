// Benchmark: engine calls into Berth's VM through Berth's engine socket (the relay) and through OpenSSH -L over the VM's
// sshd, beside the same calls made inside the guest on its own socket, all in one run. Run: npm run bench:vm-engine
import { execFile, spawn } from 'node:child_process';
import { Agent } from 'node:http';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chooseAccelerator, probeHostFacts } from '../../src-main/machine/accelerator';
import { machineHome } from '../../src-main/machine/machine-home';
import { QemuMachine } from '../../src-main/machine/qemu-machine';
import { httpGet } from '../support/http';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { waitFor } from '../support/wait';
import { latencyCell, timeToFirstByte } from './support/latency';
import { median } from './support/table';

const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const RESOURCES = { cpus: 2, memoryMiB: 1536, diskGiB: 16 };
const assetsDir = resolve(process.env.BERTH_VM_ASSETS ?? 'vm-assets/dist/amd64');
const root = makeOwnedTempDir('berth-bench-vm-engine-');
const home = machineHome(root);
const opensshSocket = join(root, 'openssh.sock');

/**
 * Runs in the guest (python3 is in the image for the daemon.json merge): CALLS `GET /_ping` on the engine socket,
 * each on a new connection or all on one; prints the times to the first response byte, in ms.
 */
const GUEST_CLIENT = `
import json, socket, sys, time
calls, keep = int(sys.argv[1]), sys.argv[2] == 'keep'
def call(s):
    started = time.perf_counter()
    if s is None:
        s = socket.socket(socket.AF_UNIX); s.connect('/var/run/docker.sock')
    s.sendall(b'GET /_ping HTTP/1.1\\r\\nHost: docker\\r\\n\\r\\n')
    reply = s.recv(4096); ms = (time.perf_counter() - started) * 1000
    while not reply.endswith(b'OK'): reply += s.recv(4096)
    return s, ms
one, times = None, []
for _ in range(calls):
    s, ms = call(one if keep else None)
    if keep: one = s
    else: s.close()
    times.append(ms)
print(json.dumps(times))
`;

function guestTimes(machine: QemuMachine, mode: 'new' | 'keep'): Promise<number[]> {
  const ssh = machine.ssh!;
  return new Promise((done, fail) => {
    const child = execFile(
      'ssh',
      [
        ...[
          '-i',
          ssh.identityFile,
          '-o',
          `UserKnownHostsFile=${ssh.knownHostsFile}`,
          '-o',
          'StrictHostKeyChecking=yes',
        ],
        ...['-p', String(ssh.port), `${ssh.user}@${ssh.host}`, 'python3', '-', String(CALLS), mode],
      ],
      { timeout: 600_000 },
      (error, stdout) => (error ? fail(error) : done(JSON.parse(stdout) as number[])),
    );
    child.stdin!.end(GUEST_CLIENT);
  });
}

async function hostTimes(socketPath: string, mode: 'new' | 'keep'): Promise<number[]> {
  const agent = mode === 'keep' ? new Agent({ keepAlive: true, maxSockets: 1 }) : false;
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) times.push(await timeToFirstByte(socketPath, agent));
  if (agent) agent.destroy();
  return times;
}

const machine = new QemuMachine({ home, assetsDir, resources: RESOURCES, dockerConfigDir: join(root, 'docker') });
let openssh: ReturnType<typeof spawn> | undefined;
try {
  await machine.start();
  const ssh = machine.ssh!;
  openssh = spawn('ssh', [
    ...['-i', ssh.identityFile, '-o', `UserKnownHostsFile=${ssh.knownHostsFile}`, '-o', 'StrictHostKeyChecking=yes'],
    ...['-p', String(ssh.port), '-N', '-L', `${opensshSocket}:/var/run/docker.sock`, `${ssh.user}@${ssh.host}`],
  ]);
  await waitFor(async () => (await httpGet({ socketPath: opensshSocket, path: '/_ping' })).body === 'OK', {
    timeoutMs: 60_000,
    message: 'OpenSSH -L to answer',
  });
  const rows: string[][] = [];
  for (const mode of ['new', 'keep'] as const) {
    // Warm every path up once (the guest's page cache, TCG's translations, V8), then measure.
    await guestTimes(machine, mode);
    await hostTimes(home.dockerSocket, mode);
    await hostTimes(opensshSocket, mode);
    const guest = await guestTimes(machine, mode);
    const berth = await hostTimes(home.dockerSocket, mode);
    const viaOpenssh = await hostTimes(opensshSocket, mode);
    const ratio = median(berth) / median(guest);
    const target = mode === 'new' ? 3 : 2;
    rows.push([
      mode === 'new' ? 'new connection per call, back-to-back' : 'keep-alive (one connection)',
      latencyCell(guest),
      latencyCell(viaOpenssh),
      latencyCell(berth),
      `${ratio.toFixed(2)}×`,
      `≤ ${target}×`,
      ratio <= target ? 'met' : 'MISSED',
    ]);
  }
  const header = ['case', 'in the guest', 'OpenSSH -L', 'Berth (relay)', 'Berth / guest', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const accel = chooseAccelerator(await probeHostFacts()).accel;
  console.log(
    `\nEngine call GET /_ping into the VM (${accel}), ${CALLS} calls, time to first response byte, ms: median (p90)`,
  );
  console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
  console.log('in the guest: python3 on /var/run/docker.sock inside the VM; the others from the host');
} finally {
  openssh?.kill();
  await machine.stop().catch(() => undefined);
  await machine.dispose();
  await rm(root, { recursive: true, force: true });
}
