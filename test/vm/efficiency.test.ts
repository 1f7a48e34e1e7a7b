// What the VM costs the host: freed guest memory and deleted images given back, an idle VM paused and resumed by the
// next docker call, and a data disk that outlives its base image.
import { readFileSync, rmSync, statSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { waitFor } from '../support/wait';
import { buildVm } from './support/build-vm';
import { useTestVm } from './support/vm-machine';

const IDLE_PAUSE_MS = 4_000;
const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const HELPER = 'berth/helper:1';

const vm = useTestVm({ idlePauseMs: IDLE_PAUSE_MS });
/** A client connection held open (as `docker events` would), which keeps the VM from pausing until it ends. */
let heldClient: ClientRequest | undefined;

function holdClient(): void {
  heldClient = request({ socketPath: vm.home.dockerSocket, path: '/events', agent: false }, (res) => res.resume());
  heldClient.on('error', () => undefined);
  heldClient.end();
}

/** Bytes the host really stores for `path` (a qcow2 with holes punched is smaller than its length). */
function allocatedBytes(path: string): number {
  return statSync(path).blocks * 512;
}

/** QEMU's resident memory, from /proc. */
function qemuRss(): number {
  const pid = vm.qemuPid();
  if (!pid) throw new Error('QEMU is not running');
  const kib = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kib) * 1024;
}

/** CPU time QEMU used, in clock ticks. */
function qemuCpuTicks(): number {
  const pid = vm.qemuPid();
  if (!pid) throw new Error('QEMU is not running');
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return Number(fields[11]) + Number(fields[12]);
}

/** Waits until the qcow2's allocation has not changed for 3 s (trims after deletions have run); returns it. */
async function settledAllocation(path: string): Promise<number> {
  let last = -1;
  let since = Date.now();
  return waitFor(
    async () => {
      const now = allocatedBytes(path);
      if (now !== last) [last, since] = [now, Date.now()];
      return Date.now() - since >= 3_000 && now;
    },
    { timeoutMs: 120_000, intervalMs: 500, message: `${path} to stop changing` },
  );
}

/** QEMU's RSS once it has changed by less than 1% over 3 s. */
async function settledRss(): Promise<number> {
  let last = qemuRss();
  let since = Date.now();
  return waitFor(
    async () => {
      const now = qemuRss();
      if (Math.abs(now - last) > last * 0.01) [last, since] = [now, Date.now()];
      return Date.now() - since >= 3_000 && now;
    },
    { timeoutMs: 60_000, intervalMs: 500, message: 'QEMU RSS to settle' },
  );
}

const mib = (bytes: number) => `${(bytes / MIB).toFixed(0)} MiB`;
const log = (line: string) => process.stdout.write(`[berth vm] ${line}\n`);

beforeAll(async () => {
  await vm.machine.start();
  holdClient();
});

afterAll(() => {
  heldClient?.destroy();
});

describe("the VM's footprint on the host", () => {
  it('gives memory a container used back: QEMU RSS returns within 10% of idle in under 30 s', async () => {
    // Idle is measured once a container has run: the guest's page cache then holds what any container start reads
    // (runc, the shim, the image), which is not memory the test's allocation should be charged with giving back.
    await vm.docker([
      'run',
      '--rm',
      '--tmpfs',
      '/m:size=16m',
      HELPER,
      'sh',
      '-c',
      'busybox dd if=/dev/zero of=/m/f bs=1M count=8',
    ]);
    const idle = await settledRss();
    await vm.docker(['volume', 'create', 'kept']);
    // The container holds the 1 GiB until it is removed, so the peak is measured before any of it goes back.
    const id = (
      await vm.docker([
        'run', '-d', '--tmpfs', '/m:size=1100m', HELPER, 'sh', '-c',
        'busybox dd if=/dev/zero of=/m/fill bs=1M count=1024 && echo filled && exec busybox sleep 600',
      ])
    ).trim(); // prettier-ignore
    await waitFor(async () => (await vm.docker(['logs', id])).includes('filled'), {
      timeoutMs: 600_000,
      intervalMs: 1000,
      message: 'the container to fill 1 GiB',
    });
    const peak = qemuRss();
    await vm.docker(['rm', '-f', id]);
    const endedAt = Date.now();
    expect(peak - idle).toBeGreaterThan(0.8 * GIB);
    let last = peak;
    const settled = await waitFor(
      async () => {
        last = qemuRss();
        return last <= idle * 1.1 && last;
      },
      { timeoutMs: 30_000, intervalMs: 250, message: `QEMU RSS back within 10% of ${mib(idle)}` },
    ).catch((error: Error) => {
      throw new Error(`${error.message}: ${mib(peak)} at the peak, ${mib(last)} at the end`);
    });
    log(
      `QEMU RSS: ${mib(idle)} idle, ${mib(peak)} after a 1 GiB allocation, ` +
        `${mib(settled)} ${((Date.now() - endedAt) / 1000).toFixed(1)} s after it ended`,
    );
  });

  it('gives a deleted 1 GiB image back: the data disk qcow2 shrinks by at least 0.9 GiB', async () => {
    const before = allocatedBytes(vm.home.dataDisk);
    // Not zeros: the drive drops zero writes (detect-zeroes). Built in the guest: the tunnel is slow under emulation.
    // One MiB of text, then one cat of it 1024 times: busybox's yes and head alone manage ~10 MB/s under emulation.
    const fill = `busybox yes berth | busybox dd of=/b bs=1M count=1 iflag=fullblock && set -- && i=0 && while [ $i -lt 1024 ]; do set -- "$@" /b; i=$((i+1)); done && cat "$@" > /big && rm /b`;
    const dockerfile = `FROM ${HELPER}\nRUN ${fill}\n`;
    await vm.docker(['build', '-q', '-t', 'berth-test/big', '-'], dockerfile, undefined, 900_000);
    // The build's own container is gone and trimmed too: measure once that has settled.
    const built = await settledAllocation(vm.home.dataDisk);
    await vm.docker(['rmi', 'berth-test/big']);
    const deletedAt = Date.now();
    const after = await waitFor(
      async () => {
        const now = allocatedBytes(vm.home.dataDisk);
        return built - now >= 0.9 * GIB && now;
      },
      { timeoutMs: 120_000, intervalMs: 500, message: 'the qcow2 to shrink by 0.9 GiB' },
    );
    log(
      `data disk: ${mib(before)} before, ${mib(built)} with the image, ${mib(after)} ` +
        `${((Date.now() - deletedAt) / 1000).toFixed(1)} s after docker rmi`,
    );
    expect(built - after).toBeGreaterThanOrEqual(0.9 * GIB);
  });

  it('pauses when idle and resumes on the next docker call, which succeeds with the clock right', async () => {
    await vm.docker(['run', '--rm', '-v', 'kept:/v', HELPER, 'sh', '-c', 'echo kept > /v/file']);
    heldClient?.destroy();
    await waitFor(async () => vm.machine.status.paused === true, {
      timeoutMs: IDLE_PAUSE_MS + 30_000,
      intervalMs: 100,
      message: 'the machine to pause',
    });
    expect(vm.machine.status).toEqual({ state: 'running', paused: true });
    // Paused for real: QEMU's vCPUs use no CPU.
    const ticks = qemuCpuTicks();
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const idleTicks = qemuCpuTicks() - ticks;
    const started = Date.now();
    expect(await vm.docker(['version', '--format', '{{.Server.Os}}'])).toBe('linux\n');
    log(`paused: ${idleTicks} CPU ticks in 5 s; docker version through a resume took ${Date.now() - started} ms`);
    expect(idleTicks).toBeLessThan(50);
    expect(vm.machine.status).toEqual({ state: 'running' });
    // The guest reads its clock somewhere inside the run, which takes seconds under TCG; the RTC it
    // was set from counts whole seconds. Without the fix it would lag by the pause (over 5 s).
    const before = Math.floor(Date.now() / 1000);
    const guestSeconds = Number(await vm.docker(['run', '--rm', HELPER, 'busybox', 'date', '+%s']));
    const after = Math.ceil(Date.now() / 1000);
    expect(guestSeconds).toBeGreaterThanOrEqual(before - 2);
    expect(guestSeconds).toBeLessThanOrEqual(after + 2);
  });

  it('boots a data disk made by one base image under a rebuilt one, volumes and images intact', async () => {
    holdClient();
    await vm.machine.stop();
    const rebuilt = makeOwnedTempDir('berth-vm-rebuilt-');
    try {
      await buildVm(rebuilt);
      const sha = (dir: string) =>
        (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { base: { sha256: string } }).base.sha256;
      expect(sha(rebuilt)).toBeDefined();
      expect(sha(rebuilt)).not.toBe(sha(inject('vmAssets')));
      await vm.switchAssets(rebuilt);
      await vm.machine.start();
      expect(await vm.docker(['run', '--rm', '-v', 'kept:/v', HELPER, 'cat', '/v/file'])).toBe('kept\n');
    } finally {
      await vm.machine.stop();
      rmSync(rebuilt, { recursive: true, force: true });
    }
  });
});
