// Volumes through Berth's API: create, list with size and users, data surviving its container, removal rules, prune.
import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../support/errors';
import { useTestApi } from '../support/api';
import { containerOutput } from '../support/container-output';
import { testEngine, testLabels, uniqueName } from '../support/engine';

const api = useTestApi();
const { docker, image } = testEngine();
const labels = testLabels();

async function runToEnd(script: string, volumes: string[], name?: string): Promise<{ id: string; output: string }> {
  const { id } = await api.client.call('containers.run', {
    spec: { image, command: ['sh', '-c', script], volumes, labels, ...(name ? { name } : {}) },
  });
  const container = docker.getContainer(id);
  await container.wait();
  return { id, output: (await containerOutput(container)).stdout };
}

describe('volumes', () => {
  it('creates a named volume with driver and labels, and refuses a second with the same name', async () => {
    const name = uniqueName('data');
    const volume = await api.client.call('volumes.create', { name, labels: { ...labels, tier: 'db' } });
    expect(volume).toMatchObject({ name, driver: 'local', anonymous: false, usedBy: [], scope: 'local' });
    expect(volume.labels.tier).toBe('db');
    expect(volume.mountpoint).toContain(name);
    const again = await rejectionOf(api.client.call('volumes.create', { name, labels }));
    expect(again.code).toBe('conflict');
    const anonymous = await api.client.call('volumes.create', { labels });
    expect(anonymous.anonymous).toBe(true);
  });

  it('keeps data after the container that wrote it is removed, and lists size and users', async () => {
    const name = uniqueName('persist');
    await api.client.call('volumes.create', { name, labels });
    const writer = await runToEnd(
      'head -c 300000 /dev/zero > /data/blob && echo written',
      [`${name}:/data`],
      uniqueName('writer'),
    );
    expect(writer.output).toBe('written\n');

    const listed = (await api.client.call('volumes.list', {})).find((v) => v.name === name);
    expect(listed?.usedBy.map((u) => u.id)).toEqual([writer.id]);
    expect(listed?.size).toBeGreaterThanOrEqual(300_000);

    await api.client.call('containers.remove', { id: writer.id });
    const reader = await runToEnd('wc -c < /data/blob', [`${name}:/data`]);
    expect(reader.output.trim()).toBe('300000');
    await api.client.call('containers.remove', { id: reader.id });
    expect((await api.client.call('volumes.inspect', { name })).usedBy).toEqual([]);
  });

  it('gives one size for a volume in the list and on its own, and says when it is not measured', async () => {
    const name = uniqueName('eight');
    await api.client.call('volumes.create', { name, labels });
    const before = await api.client.call('volumes.inspect', { name });
    expect(before).toMatchObject({ size: 0 });
    expect(before.sizeUnknown).toBeUndefined();
    await runToEnd('printf 12345678 > /data/eight', [`${name}:/data`]);

    const listed = (await api.client.call('volumes.list', {})).find((v) => v.name === name);
    const alone = await api.client.call('volumes.inspect', { name });
    expect(listed?.size).toBe(8);
    expect(alone.size).toBe(8);
    const unmeasured = (await api.client.call('volumes.list', { withSize: false })).find((v) => v.name === name);
    expect(unmeasured).toMatchObject({ size: null, sizeUnknown: 'not-measured' });
  });

  it('refuses to delete a volume in use, naming the containers', async () => {
    const name = uniqueName('busy');
    await api.client.call('volumes.create', { name, labels });
    const user = uniqueName('user');
    await api.client.call('containers.run', {
      spec: { image, name: user, command: ['sleep', '300'], volumes: [`${name}:/v`], labels },
    });
    const error = await rejectionOf(api.client.call('volumes.remove', { name }));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain(user);
    expect((await api.client.call('volumes.inspect', { name })).name).toBe(name);
  });

  it('removes an unused volume', async () => {
    const name = uniqueName('gone');
    await api.client.call('volumes.create', { name, labels });
    await api.client.call('volumes.remove', { name });
    expect((await rejectionOf(api.client.call('volumes.inspect', { name }))).code).toBe('not-found');
  });

  it('prunes unused anonymous volumes only, or named ones too with all', async () => {
    const pruneLabels = { ...labels, 'berth.prune': uniqueName('vol') };
    const filter = Object.entries(pruneLabels).map(([k, v]) => `${k}=${v}`);
    const named = await api.client.call('volumes.create', { name: uniqueName('named'), labels: pruneLabels });
    const anonymous = await api.client.call('volumes.create', { labels: pruneLabels });
    const used = await api.client.call('volumes.create', { labels: pruneLabels });
    await api.client.call('containers.run', {
      spec: { image, command: ['sleep', '300'], volumes: [`${used.name}:/v`], labels },
    });

    const first = await api.client.call('volumes.prune', { labels: filter });
    expect(first.removed.map((v) => v.name)).toEqual([anonymous.name]);
    const second = await api.client.call('volumes.prune', { labels: filter, all: true });
    expect(second.removed.map((v) => v.name)).toEqual([named.name]);
    expect((await api.client.call('volumes.inspect', { name: used.name })).usedBy).toHaveLength(1);
  });
});
