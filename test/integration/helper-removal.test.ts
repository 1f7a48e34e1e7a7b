// A helper container goes as soon as its job ends, however it ends: success, a script failing, a thrown error, a timeout.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runHelper, withHelperContainer } from '../../src-main/engine/helper-container';
import { startTestApi, useTestApi } from '../support/api';
import { helpersLeft } from '../support/berth-helpers';
import { testEngine, testLabels, uniqueName, waitFor } from '../support/engine';
import { rejectionOf } from '../support/errors';

const api = useTestApi();
const { docker, image } = testEngine();
const labels = testLabels();
let scratch: string;
let volume: string;

const mounts = () => [{ volume, target: '/volume', readOnly: true }];

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'berth-helper-removal-'));
  volume = uniqueName('removal');
  await api.client.call('volumes.create', { name: volume, labels });
  expect(await helpersLeft(docker)).toEqual([]);
});

afterEach(async () => {
  expect(await helpersLeft(docker)).toEqual([]);
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

// First in the file: the sweep runs before this backend's first helper job.
describe('helpers a stopped Berth left behind', () => {
  it('are removed before the next helper job when finished; a fresh never-started one is kept', async () => {
    const helperLabels = { ...labels, 'berth.helper': 'container', 'berth.helper.job': 'volume-files' };
    const finished = await docker.createContainer({ Image: image, Cmd: ['true'], Labels: helperLabels });
    await finished.start();
    await finished.wait();
    const fresh = await docker.createContainer({ Image: image, Cmd: ['true'], Labels: helperLabels });
    expect(await helpersLeft(docker)).toHaveLength(2);

    expect(await api.client.call('volumes.files', { name: volume })).toEqual([]);
    expect(await helpersLeft(docker)).toEqual([fresh.id]);
    await fresh.remove();
  });
});

describe('a failed helper job leaves no helper container', () => {
  it('when the listing script exits non-zero (a path that does not exist)', async () => {
    const error = await rejectionOf(api.client.call('volumes.files', { name: volume, path: '/no/such/folder' }));
    expect(error.code).toBe('not-found');
  });

  it('when a copy out finds nothing to copy', async () => {
    const error = await rejectionOf(
      api.client.call('volumes.copyFrom', { name: volume, path: '/missing.txt', hostDir: scratch }),
    );
    expect(error.code).toBe('not-found');
  });

  it('when an import is fed a corrupt archive, into a new volume and into an empty one', async () => {
    const dir = await mkdtemp(join(scratch, 'corrupt-'));
    await writeFile(join(dir, 'first.txt'), 'first');
    await writeFile(join(dir, 'big.bin'), randomBytes(300_000));
    const corrupt = join(scratch, 'corrupt.tar.gz');
    execFileSync('tar', ['-C', dir, '-czf', corrupt, './first.txt', './big.bin']);
    await truncate(corrupt, Math.floor((await stat(corrupt)).size / 2));

    const fresh = await rejectionOf(
      api.client.call('volumes.import', { name: uniqueName('corrupt'), hostPath: corrupt, labels }),
    );
    expect(fresh.message).toMatch(/unexpected EOF/);
    expect(await helpersLeft(docker)).toEqual([]);
    const existing = await rejectionOf(api.client.call('volumes.import', { name: volume, hostPath: corrupt }));
    expect(existing.message).toMatch(/unexpected EOF/);
  });

  it('when the job itself throws', async () => {
    let seen: string | undefined;
    const failure = withHelperContainer(docker, { job: 'volume-files', mounts: mounts() }, async (helper) => {
      seen = helper.id;
      throw new Error('the job broke');
    });
    await expect(failure).rejects.toThrow('the job broke');
    expect(seen).toMatch(/^[0-9a-f]{64}$/);
  });

  it('when its script runs past the deadline, which stops it with a clear message', async () => {
    const started = Date.now();
    const script = { cmd: ['sh', '-c', 'sleep 60'], needsShell: 'needs a shell' };
    const slow = withHelperContainer(docker, { job: 'volume-files', mounts: mounts(), script }, (helper) =>
      runHelper(helper, 1_000),
    );
    await expect(slow).rejects.toThrow("Berth's helper did not finish within 1 s and was stopped");
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('when Berth stops in the middle of an export, leaving no partial file', async () => {
    const big = uniqueName('big');
    await api.client.call('volumes.create', { name: big, labels });
    const { id } = await api.client.call('containers.run', {
      spec: { image, command: ['sh', '-c', 'head -c 100000000 /dev/urandom > /v/big'], volumes: [`${big}:/v`], labels },
    });
    await docker.getContainer(id).wait();
    await docker.getContainer(id).remove();

    const stopping = startTestApi();
    const out = await mkdtemp(join(scratch, 'stopped-'));
    const exporting = rejectionOf(
      stopping.client.call('volumes.export', { name: big, hostPath: join(out, 'big.tar.gz') }),
    );
    await waitFor(async () => (await helpersLeft(docker)).length > 0, { message: 'no export helper appeared' });
    await stopping.close();
    const error = await exporting;
    expect(error.code).toBe('cancelled');
    expect(error.message).toBe('Berth stopped during the volume-export job');
    expect(await helpersLeft(docker)).toEqual([]);
    expect(await readdir(out)).toEqual([]);
  });
});
