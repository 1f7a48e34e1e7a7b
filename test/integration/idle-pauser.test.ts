// The idle pauser against a real engine's containers and events: pauses only with no clients and nothing running, wakes on demand.
import { afterEach, describe, expect, it } from 'vitest';
import { IdlePauser } from '../../src-main/machine/idle-pauser';
import { cleanupTestObjects, testEngine, testLabels, uniqueName, waitFor } from '../support/engine';

const { docker, image } = testEngine();
const labels = testLabels();
const pausers: IdlePauser[] = [];

afterEach(async () => {
  for (const pauser of pausers.splice(0)) await pauser.stop();
  await cleanupTestObjects(docker);
});

/** A pauser whose VM is a log of what it was told to do. */
function watch(idleMs = 300) {
  const calls: string[] = [];
  const errors: string[] = [];
  const pauser = new IdlePauser({
    idleMs,
    docker,
    pause: () => (calls.push('pause'), Promise.resolve()),
    resume: () => (calls.push('resume'), Promise.resolve()),
    onChange: (paused) => calls.push(paused ? 'paused' : 'resumed'),
    onError: (error) => errors.push(error.message),
  });
  pausers.push(pauser);
  return { pauser, calls, errors };
}

async function runningContainer(): Promise<string> {
  const container = await docker.createContainer({
    Image: image,
    Cmd: ['sleep', '600'],
    Labels: labels,
    name: uniqueName('awake'),
  });
  await container.start();
  return container.id;
}

/** Other tests' containers share this engine: the pauser counts every running one. */
async function othersRunning(): Promise<boolean> {
  return (await docker.listContainers({ filters: { status: ['running'] } })).length > 0;
}

describe('IdlePauser', () => {
  it('pauses after the idle time with no clients and nothing running, and wake() resumes', async (context) => {
    if (await othersRunning()) context.skip();
    const { pauser, calls, errors } = watch();
    pauser.start();
    await waitFor(async () => pauser.isPaused, { timeoutMs: 10_000, intervalMs: 20, message: 'a pause' });
    expect(calls).toEqual(['pause', 'paused']);
    await pauser.wake();
    expect(pauser.isPaused).toBe(false);
    expect(calls).toEqual(['pause', 'paused', 'resume', 'resumed']);
    // Idle again: it pauses again.
    await waitFor(async () => pauser.isPaused, { timeoutMs: 10_000, intervalMs: 20, message: 'a second pause' });
    expect(errors).toEqual([]);
  });

  it('never pauses while a client is connected', async (context) => {
    if (await othersRunning()) context.skip();
    const { pauser, calls } = watch(200);
    pauser.clientsChanged(1);
    pauser.start();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(calls).toEqual([]);
    pauser.clientsChanged(0);
    await waitFor(async () => pauser.isPaused, {
      timeoutMs: 10_000,
      intervalMs: 20,
      message: 'a pause once the client left',
    });
  });

  it('never pauses while a container runs, and pauses once it stops', async () => {
    const id = await runningContainer();
    const { pauser, calls } = watch(200);
    pauser.start();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(calls).toEqual([]);
    await docker.getContainer(id).kill();
    if (await othersRunning()) return;
    await waitFor(async () => pauser.isPaused, {
      timeoutMs: 10_000,
      intervalMs: 20,
      message: 'a pause once it stopped',
    });
  });

  it('reports a pause that failed and stays running', async (context) => {
    if (await othersRunning()) context.skip();
    const errors: string[] = [];
    const pauser = new IdlePauser({
      idleMs: 100,
      docker,
      pause: () => Promise.reject(new Error('QEMU is not running')),
      resume: () => Promise.resolve(),
      onChange: () => undefined,
      onError: (error) => errors.push(error.message),
    });
    pausers.push(pauser);
    pauser.start();
    await waitFor(async () => errors.length > 0, { timeoutMs: 10_000, intervalMs: 20, message: 'the failure' });
    expect(errors[0]).toBe('QEMU is not running');
    expect(pauser.isPaused).toBe(false);
  });
});
