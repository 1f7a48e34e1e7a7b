// What Berth makes on the engine for itself: labelled and named helpers, flagged in lists, left out of
// users, counts and the user's disk usage and prunes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src-main/contract/dto/system';
import { withHelperContainer } from '../../src-main/engine/helper-container';
import { ensureHelperImage, HELPER_IMAGE } from '../../src-main/engine/helper-image';
import { useTestApi } from '../support/api';
import { helpersLeft } from '../support/berth-helpers';
import { testEngine, testLabels, uniqueName, waitFor } from '../support/engine';
import { rejectionOf } from '../support/errors';

const api = useTestApi();
const { docker, image } = testEngine();
const labels = testLabels();
let scratch: string;
let volume: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'berth-own-'));
  volume = uniqueName('own');
  await api.client.call('volumes.create', { name: volume, labels });
  const { id } = await api.client.call('containers.run', {
    spec: { image, command: ['sh', '-c', 'printf 12345678 > /v/eight'], volumes: [`${volume}:/v`], labels },
  });
  await docker.getContainer(id).wait();
  await api.client.call('containers.remove', { id });
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Holds a helper container with `volume` mounted (as every volume job does) while `check` runs. */
const duringHelperJob = (check: (helper: { id: string }) => Promise<void>) =>
  withHelperContainer(
    docker,
    { job: 'volume-files', mounts: [{ volume, target: '/volume', readOnly: true }] },
    async (helper) => check(helper),
  );

describe("Berth's helper image", () => {
  it('carries the berth.helper label', async () => {
    await ensureHelperImage(docker);
    const info = await docker.getImage(HELPER_IMAGE).inspect();
    expect(info.Config.Labels?.['berth.helper']).toBe('1');
  });
});

describe("Berth's helper containers", () => {
  it('are labelled with their job and named berth-helper-<job>-<6 hex>', async () => {
    await duringHelperJob(async (helper) => {
      const info = await docker.getContainer(helper.id).inspect();
      expect(info.Name).toMatch(/^\/berth-helper-volume-files-[0-9a-f]{6}$/);
      expect(info.Config.Labels).toMatchObject({ 'berth.helper': 'container', 'berth.helper.job': 'volume-files' });
      expect(info.HostConfig.NetworkMode).toBe('none');
    });
  });

  it('are named after the job for every volume operation, and all gone when it ends', async () => {
    const from = api.events.mark();
    const archive = join(scratch, 'own.tar.gz');
    await api.client.call('volumes.files', { name: volume });
    await api.client.call('volumes.copyFrom', { name: volume, path: '/eight', hostDir: scratch });
    await api.client.call('volumes.export', { name: volume, hostPath: archive });
    const imported = uniqueName('own-import');
    await api.client.call('volumes.create', { name: imported, labels });
    await api.client.call('volumes.import', { name: imported, hostPath: archive, create: false });
    await api.client.call('volumes.clone', { source: volume, target: uniqueName('own-clone'), labels });

    const isHelper = (e: EngineEvent) => e.type === 'container' && e.attributes['berth.helper'] === 'container';
    const jobs = ['volume-files', 'volume-copy', 'volume-export', 'volume-check', 'volume-import'];
    jobs.push('volume-clone-source', 'volume-clone-target');
    const since = () =>
      api.events.events.slice(from).flatMap((e) => (e.name === 'engine.event' ? [e.payload as EngineEvent] : []));
    let created: EngineEvent[] = [];
    await waitFor(async () => {
      created = since().filter((e) => isHelper(e) && e.action === 'create');
      return created.length >= jobs.length;
    });
    expect(created.map((e) => e.attributes['berth.helper.job']).sort()).toEqual([...jobs].sort());
    for (const event of created) {
      expect(event.name).toMatch(new RegExp(`^berth-helper-${event.attributes['berth.helper.job']}-[0-9a-f]{6}$`));
    }
    await waitFor(async () => (await helpersLeft(docker)).length === 0);
  });

  it("are listed flagged as Berth's, and count as no user of the volume or the image", async () => {
    await ensureHelperImage(docker);
    const mine = await docker.createContainer({
      Image: HELPER_IMAGE,
      Cmd: ['true'],
      Labels: labels,
      HostConfig: { Binds: [`${volume}:/v`] },
    });
    // Built FROM the helper image: it inherits the label, not the tag, and is the user's.
    const context = await mkdtemp(join(scratch, 'derived-'));
    await writeFile(join(context, 'Dockerfile'), `FROM ${HELPER_IMAGE}\nLABEL derived=yes\n`);
    const derived = await api.client.call('images.build', { context, tags: [`${uniqueName('derived')}:1`], labels });
    await duringHelperJob(async (helper) => {
      const listed = await api.client.call('containers.list', { all: true });
      expect(listed.find((c) => c.id === helper.id)?.berthOwned).toBe(true);
      expect(listed.find((c) => c.id === mine.id)?.berthOwned).toBe(false);

      const users = [mine.id];
      expect((await api.client.call('volumes.inspect', { name: volume })).usedBy.map((u) => u.id)).toEqual(users);
      const row = (await api.client.call('volumes.list', {})).find((v) => v.name === volume);
      expect(row?.usedBy.map((u) => u.id)).toEqual(users);

      const listedImages = await api.client.call('images.list', {});
      expect(listedImages.find((i) => i.id === derived.id)?.berthOwned).toBe(false);
      const helperImage = listedImages.find((i) => i.repoTags.includes(HELPER_IMAGE));
      expect(helperImage?.berthOwned).toBe(true);
      const usingIt = (await docker.listContainers({ all: true })).filter((c) => c.ImageID === helperImage?.id);
      expect(usingIt.map((c) => c.Id)).toContain(helper.id);
      expect(helperImage?.containers).toBe(usingIt.length - 1);
    });
    await docker.getContainer(mine.id).remove();
    await docker.getImage(derived.id).remove();
  });

  it('keep a volume from being deleted while they work on it, saying so', async () => {
    await duringHelperJob(async (helper) => {
      const error = await rejectionOf(api.client.call('volumes.remove', { name: volume }));
      expect(error.code).toBe('conflict');
      const { Name } = await docker.getContainer(helper.id).inspect();
      expect(error.message).toContain(`Berth's helper ${Name.slice(1)} is working on volume "${volume}"`);
    });
  });
});

describe("Berth's own in disk usage and prunes", () => {
  it("counts the helper image and containers apart from the user's, and says how many the engine's counts hold", async () => {
    await duringHelperJob(async () => {
      const usage = await api.client.call('system.diskUsage', {});
      type Labelled = { Labels: Record<string, string> | null };
      const df = (await docker.df()) as { Images: Array<Labelled & { RepoTags: string[] }>; Containers: Labelled[] };
      const berth = (labelled: Labelled, value: string) => labelled.Labels?.['berth.helper'] === value;
      const helperImages = df.Images.filter((i) => berth(i, '1') && i.RepoTags.includes(HELPER_IMAGE));
      expect(usage.berth.images).toBe(helperImages.length);
      expect(usage.berth.images).toBe(1);
      expect(usage.images.count).toBe(df.Images.length - usage.berth.images);
      expect(usage.berth.containers).toBe(df.Containers.filter((c) => berth(c, 'container')).length);
      expect(usage.berth.containers).toBeGreaterThanOrEqual(1);
      expect(usage.containers.count).toBe(df.Containers.length - usage.berth.containers);
      expect(usage.berth.size).toBeGreaterThan(0);
      const info = await api.client.call('system.info', {});
      expect(info.berthImages).toBe(usage.berth.images);
      expect(info.berthContainers).toBe(usage.berth.containers);
    });
  });

  it('never previews the helper image or a helper container as something a prune removes', async () => {
    await duringHelperJob(async (helper) => {
      const preview = await api.client.call('system.prunePreview', { images: 'all', buildCache: false });
      const helperImage = await docker.getImage(HELPER_IMAGE).inspect();
      expect(preview.images.map((i) => i.id)).not.toContain(helperImage.Id);
      expect(preview.containers.map((c) => c.id)).not.toContain(helper.id);
    });
  });

  it('leaves Berth-labelled images and containers alone in a real prune', async () => {
    const prune = { ...labels, 'berth.prune': uniqueName('own') };
    const filter = Object.entries(prune).map(([k, v]) => `${k}=${v}`);
    const context = await mkdtemp(join(scratch, 'build-'));
    await writeFile(join(context, 'Dockerfile'), `FROM ${image}\nRUN echo own > /own\n`);
    const build = (tag: string, extra: Record<string, string>) =>
      api.client.call('images.build', { context, tags: [tag], labels: { ...prune, ...extra } });
    const berthLike = await build(`${uniqueName('berth-like')}:1`, { 'berth.helper': '1' });
    const users = await build(`${uniqueName('users')}:1`, {});
    const helper = await docker.createContainer({
      Image: image,
      Cmd: ['true'],
      Labels: { ...prune, 'berth.helper': 'container' },
    });
    const stopped = await docker.createContainer({ Image: image, Cmd: ['true'], Labels: prune });

    const options = { labels: filter, images: 'all' as const, networks: false, buildCache: false };
    const preview = await api.client.call('system.prunePreview', options);
    expect(preview.images.map((i) => i.id)).toEqual([users.id]);
    expect(preview.containers.map((c) => c.id)).toEqual([stopped.id]);
    const result = await api.client.call('system.prune', options);
    expect(result.images.map((i) => i.id)).toEqual([users.id]);
    expect(result.containers.map((c) => c.id)).toEqual([stopped.id]);
    expect((await docker.getImage(berthLike.id).inspect()).Id).toBe(berthLike.id);
    expect((await docker.getContainer(helper.id).inspect()).Id).toBe(helper.id);
    await docker.getContainer(helper.id).remove();
  });
});
