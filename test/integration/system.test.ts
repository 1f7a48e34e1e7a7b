// Engine info, version, disk usage, and prune: the preview lists exactly what the prune then removes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { testEngine, testLabels, uniqueName, waitFor } from '../support/engine';

const api = useTestApi();
const { docker, image } = testEngine();
const labels = testLabels();

describe('system', () => {
  it('reports engine info and version', async () => {
    const info = await api.client.call('system.info', {});
    const raw = (await docker.info()) as { ServerVersion: string; NCPU: number };
    expect(info.serverVersion).toBe(raw.ServerVersion);
    expect(info.cpus).toBe(raw.NCPU);
    expect(info.osType).toBe('linux');
    expect(info.memoryTotal).toBeGreaterThan(0);
    expect(info.swarm).toBe('inactive');
    const version = await api.client.call('system.version', {});
    expect(version.version).toBe(raw.ServerVersion);
    expect(version.apiVersion).toMatch(/^1\.\d+$/);
  });

  it('reports disk usage by category with reclaimable space', async () => {
    const volume = uniqueName('df');
    const writer = await api.client.call('containers.run', {
      spec: { image, command: ['sh', '-c', 'head -c 200000 /dev/zero > /v/blob'], volumes: [`${volume}:/v`], labels },
    });
    await waitFor(
      async () => (await docker.listContainers({ all: true, filters: { volume: [volume] } }))[0]?.State === 'exited',
    );
    const usage = await api.client.call('system.diskUsage', {});
    expect(usage.images.count).toBeGreaterThan(0);
    expect(usage.images.size).toBeGreaterThan(0);
    expect(usage.images.reclaimable).toBeLessThanOrEqual(usage.images.size);
    expect(usage.containers.count).toBeGreaterThan(0);
    expect(usage.volumes.size).toBeGreaterThanOrEqual(200_000);
    expect(usage.buildCache.count).toBeGreaterThanOrEqual(0);
    // In use by the stopped container: not reclaimable until the container goes.
    await api.client.call('containers.remove', { id: writer.id });
    const after = await api.client.call('system.diskUsage', {});
    expect(after.volumes.reclaimable - usage.volumes.reclaimable).toBeGreaterThanOrEqual(200_000);
  });

  it('previews a prune, and the prune removes exactly what the preview listed', async () => {
    const pruneLabels = { ...labels, 'berth.prune': uniqueName('sys') };
    const filter = Object.entries(pruneLabels).map(([k, v]) => `${k}=${v}`);
    const network = await api.client.call('networks.create', { name: uniqueName('unused'), labels: pruneLabels });
    const keptNetwork = await api.client.call('networks.create', { name: uniqueName('kept'), labels: pruneLabels });
    const volume = await api.client.call('volumes.create', { labels: pruneLabels });
    const namedVolume = await api.client.call('volumes.create', { name: uniqueName('named'), labels: pruneLabels });
    const stopped = await api.client.call('containers.run', {
      spec: { image, command: ['true'], labels: pruneLabels, volumes: ['/anon'] },
    });
    const running = await api.client.call('containers.run', {
      spec: { image, command: ['sleep', '300'], labels: pruneLabels, network: keptNetwork.name },
    });
    await waitFor(async () => (await docker.getContainer(stopped.id).inspect()).State.Status === 'exited');
    const context = await mkdtemp(join(tmpdir(), 'berth-prune-'));
    const tag = `${uniqueName('dangling')}:1`;
    const build = async (content: string) => {
      await writeFile(join(context, 'Dockerfile'), `FROM ${image}\nRUN echo ${content} > /v\n`);
      return api.client.call('images.build', { context, tags: [tag], labels: pruneLabels });
    };
    const dangling = await build('one');
    const tagged = await build('two');
    await rm(context, { recursive: true });
    const anonOfStopped = (await docker.getContainer(stopped.id).inspect()).Mounts[0]?.Name ?? '';

    const options = { labels: filter, volumes: true, images: 'dangling' as const };
    const preview = await api.client.call('system.prunePreview', options);
    expect(preview.containers.map((c) => c.id)).toEqual([stopped.id]);
    expect(preview.networks.map((n) => n.id)).toEqual([network.id]);
    // Only anonymous volumes carrying the labels: not named ones, not the stopped container's unlabelled one.
    expect(preview.volumes.map((v) => v.name)).toEqual([volume.name]);
    expect(preview.volumes.some((v) => v.name === namedVolume.name)).toBe(false);
    expect(preview.images.map((i) => i.id)).toEqual([dangling.id]);
    expect(preview.images[0]?.size).toBeGreaterThan(0);
    expect(preview.buildCache).toEqual([]);
    expect(preview.spaceReclaimed).toBeGreaterThan(0);

    const result = await api.client.call('system.prune', options);
    expect(result.containers).toEqual(preview.containers);
    expect(result.images).toEqual(preview.images);
    expect(result.spaceReclaimed).toBeGreaterThan(0);
    expect(result.networks).toEqual(preview.networks);
    expect(result.volumes.map((v) => v.name)).toEqual(preview.volumes.map((v) => v.name));
    // None of the prune's labels (engines from 23 on add com.docker.volume.anonymous of their own).
    const anonLabels = (await api.client.call('volumes.inspect', { name: anonOfStopped })).labels;
    expect(Object.keys(anonLabels).filter((key) => !key.startsWith('com.docker.'))).toEqual([]);

    expect((await docker.getContainer(running.id).inspect()).State.Running).toBe(true);
    expect((await api.client.call('networks.inspect', { id: keptNetwork.id })).name).toBe(keptNetwork.name);
    expect((await api.client.call('volumes.inspect', { name: namedVolume.name })).name).toBe(namedVolume.name);
    expect((await api.client.call('images.inspect', { id: tag })).id).toBe(tagged.id);
    const again = await api.client.call('system.prunePreview', options);
    expect([...again.containers, ...again.networks, ...again.volumes]).toEqual([]);
  });
});
