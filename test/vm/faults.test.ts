// Faults inside Berth's VM: the guest's sshd killed or restarted under the SSH channel (the host logs in again by
// itself: engine socket, published ports and state come back), and the data disk filled up (Berth's API says which
// disk is full and what to do; after a prune through the API the engine runs and writes again), and QEMU killed
// still ending in error at once.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MachineStatus } from '../../src-main/contract/dto/machine';
import { AgentClient } from '../../src-main/machine/agent-client';
import { AgentMachineControl } from '../../src-main/machine/agent-machine-control';
import { serveMachine, type AgentServer } from '../../src-main/machine/agent-server';
import { startTestApi, type TestApi } from '../support/api';
import { httpGet } from '../support/http';
import { freePort } from '../support/ports';
import { makeOwnedTempDir } from '../support/temp-dirs';
import { delay, waitFor } from '../support/wait';
import { killQemuExpectingError } from './support/qemu-kill';
import { TEST_RESOURCES, useTestVm } from './support/vm-machine';

const HELPER = 'berth/helper:1';
/** The smallest data disk the settings allow: less to fill. */
const DISK_GIB = 8;
/** Longest the engine socket, a published port and the SSH channel may take to come back after sshd goes, in ms. */
const SSHD_RECOVERY_BOUND_MS = 30_000;

const vm = useTestVm({ resources: { ...TEST_RESOURCES, diskGiB: DISK_GIB } });
const agentFolder = makeOwnedTempDir('berth-vm-agent-');
let agent: AgentServer;
let control: AgentMachineControl;
let api: TestApi;

beforeAll(async () => {
  const started = Date.now();
  await vm.machine.start();
  process.stdout.write(`[berth vm] boot to a running engine in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  // The app's own path to the machine: an agent socket, followed by the API's machine control.
  const socket = join(agentFolder, 'agent.sock');
  agent = await serveMachine(vm.machine, socket);
  control = await AgentMachineControl.follow(() => AgentClient.connect(socket), vm.home);
  api = startTestApi(vm.dockerHost, 'vm-faults', { machine: control });
});

afterAll(async () => {
  await api?.close();
  control?.dispose();
  await agent?.close();
  rmSync(agentFolder, { recursive: true, force: true });
});

/** Signals every sshd process in the guest (the listener and each connection's), from a container in the host's PID namespace. */
async function signalGuestSshd(signal: 'KILL' | 'TERM'): Promise<string[]> {
  const script =
    'for p in /proc/[0-9]*; do c="$(cat "$p/comm" 2>/dev/null)"; case "$c" in sshd|sshd-session|sshd-auth) ' +
    `kill -${signal} "\${p#/proc/}" && echo "$c"; esac; done`;
  return (await vm.docker(['run', '--rm', '--pid=host', HELPER, 'sh', '-c', script])).trim().split('\n');
}

/** How often the guest's supervisor said it restarted sshd, from the console log. */
function sshdRestarts(): number {
  return readFileSync(vm.home.consoleLog, 'utf8').split('berth: sshd exited with status').length - 1;
}

/** A container answering HTTP on host 127.0.0.1:`port` through the published-port forwarder. */
async function publishedWebServer(port: number): Promise<void> {
  await vm.docker(['run', '-d', '--name', `web-${port}`, '-p', `${port}:80`, HELPER, 'busybox', 'httpd', '-f', '-p', '80', '-h', '/bin']); // prettier-ignore
  await waitFor(() => httpGet({ port, path: '/' }).catch(() => undefined), {
    message: `HTTP on host 127.0.0.1:${port}`,
    timeoutMs: 60_000,
  });
}

/**
 * Sends `signal` to the guest's sshd and measures how long until the SSH channel, the engine socket (docker CLI)
 * and the published port all answer again; the machine stays running throughout.
 */
async function recoverFromSshd(signal: 'KILL' | 'TERM', port: number): Promise<void> {
  const statuses: MachineStatus[] = [];
  const unsubscribe = vm.machine.onStatus((status) => statuses.push(status));
  const warningsBefore = vm.warnings.length;
  const restartsBefore = sshdRestarts();
  const newWarning = (pattern: RegExp) => vm.warnings.slice(warningsBefore).find((w) => pattern.test(w));
  try {
    // Noticed as it is warned of (the container that sends the signal takes seconds to start and to end).
    const noticed = waitFor(async () => (newWarning(/SSH connection to the VM dropped/) ? Date.now() : undefined), {
      message: 'the host to notice the SSH connection dropped',
      timeoutMs: 60_000,
      intervalMs: 10,
    });
    const signalled = await signalGuestSshd(signal);
    // The listener and the session the host's channel runs on (OpenSSH 9.8+ runs each in sshd-session).
    expect(signalled).toContain('sshd');
    expect(signalled).toContain('sshd-session');
    const droppedAt = await noticed;
    expect(newWarning(/SSH connection to the VM dropped/)).toMatch(/logging in again$/);
    // The engine socket goes through the guest's relay, not SSH.
    expect(await vm.docker(['version', '--format', '{{.Server.Os}}'])).toBe('linux\n');
    const engineAt = Date.now();
    const answer = await waitFor(() => httpGet({ port, path: '/' }).catch(() => undefined), {
      message: `HTTP on host 127.0.0.1:${port} after sshd got SIG${signal}`,
      timeoutMs: SSHD_RECOVERY_BOUND_MS,
      intervalMs: 20,
    });
    const portBackMs = Date.now() - droppedAt;
    expect(answer.status).toBeLessThan(500);
    const back = await waitFor(async () => newWarning(/SSH connection to the VM is back after/), {
      message: 'the SSH channel to come back',
      timeoutMs: SSHD_RECOVERY_BOUND_MS,
    });
    process.stdout.write(
      `[berth vm] sshd SIG${signal}: after the drop warning (0.5 s after the drop), the docker CLI answered in ` +
        `${engineAt - droppedAt} ms and the published port in ${portBackMs} ms; "${back}"\n`,
    );
    expect(portBackMs).toBeLessThan(SSHD_RECOVERY_BOUND_MS);
    // The guest restarted sshd (a fresh login works) and said so on the console.
    expect(await vm.guest('echo logged in')).toBe('logged in\n');
    expect(sshdRestarts()).toBe(restartsBefore + 1);
    expect(vm.machine.status).toEqual({ state: 'running' });
    expect(control.info.status.state).toBe('running');
    expect(statuses.filter((status) => status.state !== 'running')).toEqual([]);
  } finally {
    unsubscribe();
  }
}

describe("the guest's sshd going away under the SSH channel", () => {
  it('comes back by itself after sshd and its connections are SIGKILLed: SSH, engine socket, published port', async () => {
    const port = await freePort();
    await publishedWebServer(port);
    await recoverFromSshd('KILL', port);
    // Containers started after the reconnect get their ports forwarded too (engine events through the new session).
    const later = await freePort();
    await publishedWebServer(later);
  });

  it('comes back after sshd is stopped and started again (SIGTERM, as a service restart does)', async () => {
    const port = await freePort();
    await publishedWebServer(port);
    await recoverFromSshd('TERM', port);
  });
});

describe("the VM's data disk full", () => {
  it("says which disk is full and what to do, stays up, and runs and writes again after a prune through Berth's API", async () => {
    await api.client.call('volumes.create', { name: 'fill' });
    // Reserve all but 16 MiB at once (fallocate writes no data), then write until ENOSPC, at most 64 MiB. The
    // container stays (stopped) so that nothing it used is freed again; the prune below removes it.
    const fill =
      'avail="$(df -k /fill | awk \'NR == 2 { print $4 }\')" && fallocate -l "$(( (avail - 16384) * 1024 ))" /fill/reserved && ' +
      '{ dd if=/dev/zero of=/fill/rest bs=1M count=64 2>&1; sync; df -k /fill | awk \'NR == 2 { print "free KiB: " $4 }\'; }';
    const fillStarted = Date.now();
    const filled = await vm.docker(['run', '--name', 'filler', '-v', 'fill:/fill', HELPER, 'sh', '-c', fill]);
    process.stdout.write(`[berth vm] ${DISK_GIB} GiB data disk filled in ${Date.now() - fillStarted} ms\n`);
    expect(filled).toMatch(/No space left on device/);
    expect(filled).toMatch(/free KiB: 0\n$/);

    const run = api.client.call('containers.run', {
      spec: { image: HELPER, command: ['sh', '-c', 'echo written > /probe'] },
    });
    const refused = await run.then(
      () => undefined,
      (error: Error) => error.message,
    );
    process.stdout.write(`[berth vm] containers.run on a full disk: ${refused}\n`);
    expect(refused).toMatch(/^The VM's data disk is full\. /);
    expect(refused).toContain('System › Prune');
    expect(refused).toContain('Settings › Resources');
    expect(refused).toMatch(/\(The engine said: .*no space left on device.*\)$/);

    // The engine and the machine stay up.
    expect((await api.client.call('system.version', {})).os).toBe('linux');
    expect((await api.client.call('machine.info', {})).status).toEqual({ state: 'running' });

    const filler = (await vm.docker(['inspect', '--format', '{{.Id}}', 'filler'])).trim();
    const pruned = await api.client.call('system.prune', {});
    expect(pruned.containers.map((item) => item.id)).toContain(filler);
    await api.client.call('volumes.remove', { name: 'fill' });
    const { id } = await api.client.call('containers.run', {
      spec: { image: HELPER, command: ['sh', '-c', 'echo written after the prune > /probe && cat /probe'] },
    });
    expect(await vm.docker(['wait', id])).toBe('0\n');
    expect(await vm.docker(['logs', id])).toBe('written after the prune\n');
    await api.client.call('containers.remove', { id, force: true });
  });
});

describe('QEMU killed, now that a dropped SSH connection means logging in again', () => {
  it('still goes to error within 2 s, with no reconnect warning', async () => {
    const warningsBefore = vm.warnings.length;
    await killQemuExpectingError(vm);
    // Nothing to wait for but the absence of a warning: the SSH drop's grace (500 ms) and then some.
    await delay(1500);
    expect(vm.warnings.slice(warningsBefore).filter((warning) => /SSH connection/.test(warning))).toEqual([]);
  });
});
