// The native backend against real engines: running while the engine answers, error with a reason when not, and back, without polling.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MachineStatus } from '../../src-main/contract/dto/machine';
import { MachineRefusedError } from '../../src-main/machine/machine';
import { NativeMachine } from '../../src-main/machine/native-machine';
import { startPrivateDockerd } from '../support/dockerd';
import { testEngine, waitFor } from '../support/engine';
import { makeTempFolder } from '../support/qemu';

const machines: NativeMachine[] = [];
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const machine of machines.splice(0)) await machine.dispose();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function follow(socketPath: string, options: Partial<ConstructorParameters<typeof NativeMachine>[0]> = {}) {
  const machine = new NativeMachine({ socketPath, ...options });
  machines.push(machine);
  const seen: MachineStatus[] = [];
  machine.onStatus((status) => seen.push(status));
  return { machine, seen };
}

function reaches(machine: NativeMachine, state: MachineStatus['state'], timeoutMs = 10_000): Promise<MachineStatus> {
  return waitFor(async () => machine.status.state === state && machine.status, {
    timeoutMs,
    intervalMs: 20,
    message: `the native machine did not become ${state} (it is ${JSON.stringify(machine.status)})`,
  });
}

async function refusal(work: Promise<unknown>): Promise<MachineRefusedError> {
  const error = await work.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(MachineRefusedError);
  return error as MachineRefusedError;
}

describe('NativeMachine', () => {
  it("follows the test engine: running, with the engine's address as endpoint", async () => {
    const { dockerHost } = testEngine();
    const socketPath = dockerHost.slice('unix://'.length);
    const { machine, seen } = follow(socketPath);
    expect(machine.kind).toBe('native');
    expect(machine.status).toEqual({ state: 'starting', progress: 'Looking for the Docker Engine' });
    expect(machine.endpoint).toBeUndefined();
    await reaches(machine, 'running');
    expect(seen).toEqual([{ state: 'running' }]);
    expect(machine.endpoint).toBe(dockerHost);
    expect(machine.resources).toBeUndefined();
    expect(machine.consoleLogPath).toBeUndefined();
    await machine.start();
  });

  it("refuses to stop, restart or reset an engine that is not Berth's, saying why", async () => {
    const socketPath = testEngine().dockerHost.slice('unix://'.length);
    const { machine } = follow(socketPath);
    await reaches(machine, 'running');
    const stop = await refusal(machine.stop());
    expect(stop.code).toBe('unsupported');
    expect(stop.message).toBe(
      `The Docker Engine at ${socketPath} belongs to this computer, not to Berth, which does not stop it: use your system's service manager (e.g. systemctl stop docker)`,
    );
    expect((await refusal(machine.restart())).message).toContain('which does not restart it');
    expect((await refusal(machine.reset())).message).toBe(
      `Reset wipes the data of Berth's VM; the Docker Engine at ${socketPath} belongs to this computer, and Berth never deletes its data (prune images, containers and volumes instead)`,
    );
    expect(machine.status.state).toBe('running');
  });

  it('is in error with a reason when no engine listens, and start() refuses with it', async () => {
    const folder = makeTempFolder('berth-native-');
    cleanups.push(() => folder.remove());
    const socketPath = join(folder.path, 'docker.sock');
    const { machine } = follow(socketPath);
    const reason = `No Docker Engine answers at ${socketPath} (there is no socket): install docker.io or start the docker service`;
    expect(await reaches(machine, 'error')).toEqual({ state: 'error', reason });
    expect(machine.endpoint).toBeUndefined();
    const started = await refusal(machine.start());
    expect(started.code).toBe('unsupported');
    expect(started.message).toBe(`${reason} (Berth does not start the Docker Engine installed on this computer)`);
  });

  it('notices at once when the engine dies, and when it comes back (socket watch, not backoff)', async () => {
    const dockerd = await startPrivateDockerd({ networking: 'none', name: 'native' });
    cleanups.push(() => dockerd.stop());
    // Backoff so slow that only the events stream and the socket watch can explain a quick change.
    const { machine, seen } = follow(dockerd.socketPath, { backoff: { initialMs: 120_000, maxMs: 120_000 } });
    await reaches(machine, 'running');

    const killed = Date.now();
    await dockerd.kill('SIGKILL');
    const down = await reaches(machine, 'error', 5_000);
    expect(Date.now() - killed).toBeLessThan(5_000);
    expect(down.reason).toMatch(
      new RegExp(`^No Docker Engine answers at ${dockerd.socketPath} \\((connection refused|there is no socket)\\)`),
    );

    await dockerd.restart();
    await reaches(machine, 'running', 15_000);
    expect(machine.endpoint).toBe(dockerd.dockerHost);
    // The reason may change while down (refused, then briefly no socket during the restart).
    const states = seen.map((status) => status.state).filter((state, i, all) => state !== all[i - 1]);
    expect(states).toEqual(['running', 'error', 'running']);
  });
});
