// The data-disk trimmer against a real engine's events: one trim after a burst of deletions, none without.
import { afterEach, describe, expect, it } from 'vitest';
import { DataDiskTrimmer } from '../../src-main/machine/data-disk-trimmer';
import { cleanupTestObjects, testEngine, testLabels, uniqueName, waitFor } from '../support/engine';

const { docker, image } = testEngine();
const labels = testLabels();
const trimmers: DataDiskTrimmer[] = [];

afterEach(async () => {
  for (const trimmer of trimmers.splice(0)) await trimmer.stop();
  await cleanupTestObjects(docker);
});

function follow(result: { code: number | null; stderr: string } = { code: 0, stderr: '' }) {
  const commands: string[] = [];
  const outcomes: Array<string | undefined> = [];
  const trimmer = new DataDiskTrimmer({
    docker,
    quietMs: 300,
    run: (command) => {
      commands.push(command);
      return Promise.resolve(result);
    },
    onTrimmed: (error) => outcomes.push(error),
  });
  trimmers.push(trimmer);
  trimmer.start();
  return { commands, outcomes };
}

async function createAndRemove(count: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    const container = await docker.createContainer({
      Image: image,
      Cmd: ['true'],
      Labels: labels,
      name: uniqueName('trim'),
    });
    await container.remove();
  }
}

describe('DataDiskTrimmer', () => {
  it('trims the data disk once after a burst of deletions has settled', async () => {
    const { commands, outcomes } = follow();
    // The event stream opens asynchronously: the first removal may precede it, so remove until one is seen.
    await waitFor(async () => (await createAndRemove(1), commands.length > 0), { timeoutMs: 10_000, intervalMs: 400 });
    commands.length = 0;
    outcomes.length = 0;
    await createAndRemove(3);
    await waitFor(async () => commands.length > 0, { timeoutMs: 5_000, intervalMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(commands).toEqual(['sync -f /mnt/data && fstrim /mnt/data']);
    expect(outcomes).toEqual([undefined]);
  });

  it('reports a trim that failed, with what fstrim said', async () => {
    const { outcomes } = follow({ code: 1, stderr: 'fstrim: /mnt/data: the discard operation is not supported\n' });
    await waitFor(async () => (await createAndRemove(1), outcomes.length > 0), { timeoutMs: 10_000, intervalMs: 400 });
    expect(outcomes[0]).toBe(
      'sync and fstrim exited with 1: fstrim: /mnt/data: the discard operation is not supported',
    );
  });

  it('does not trim when nothing was deleted', async () => {
    const { commands } = follow();
    const container = await docker.createContainer({
      Image: image,
      Cmd: ['true'],
      Labels: labels,
      name: uniqueName('keep'),
    });
    await container.start();
    await container.wait();
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(commands).toEqual([]);
  });
});
