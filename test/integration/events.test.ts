// Engine events become typed invalidations; when the engine dies the client reports it and reconnects by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, useTestApi, type TestApi } from '../support/api';
import { startPrivateDockerd, type PrivateDockerd } from '../support/dockerd';
import { testEngine, testLabels, uniqueName } from '../support/engine';

const api = useTestApi();
const { docker, image } = testEngine();
const labels = testLabels();

beforeAll(async () => {
  await api.events.next('engine.state', (s) => s.state === 'connected');
});

describe('engine events', () => {
  it('reports the engine connected with its version', async () => {
    const status = await api.client.call('engine.status', {});
    expect(status.state).toBe('connected');
    expect(status.version).toBe((await docker.version()).Version);
  });

  it('turns container, volume and network changes into invalidations with ids', async () => {
    const mark = api.events.mark();
    const { id } = await api.client.call('containers.run', { spec: { image, command: ['sleep', '300'], labels } });
    await api.events.next('containers.changed', (e) => e.ids.includes(id), { from: mark });
    const start = await api.events.next('engine.event', (e) => e.id === id && e.action === 'start', { from: mark });
    expect(start.type).toBe('container');
    expect(start.time).toBeGreaterThan(Date.now() - 60_000);

    const stopMark = api.events.mark();
    await api.client.call('containers.stop', { id, timeout: 1 });
    await api.events.next('containers.changed', (e) => e.ids.includes(id), { from: stopMark });
    await api.events.next('engine.event', (e) => e.id === id && e.action === 'die', { from: stopMark });

    const volumeMark = api.events.mark();
    const name = uniqueName('evt');
    await api.client.call('volumes.create', { name, labels });
    await api.events.next('volumes.changed', (e) => e.names.includes(name), { from: volumeMark });

    const network = await api.client.call('networks.create', { name: uniqueName('evt'), labels });
    await api.events.next('networks.changed', (e) => e.ids.includes(network.id), { from: volumeMark });
  });

  it('does not invalidate the container list for exec', async () => {
    const { id } = await api.client.call('containers.run', { spec: { image, command: ['sleep', '300'], labels } });
    await api.events.next('containers.changed', (e) => e.ids.includes(id));
    const mark = api.events.mark();
    const { session } = await api.client.call('exec.open', { id, cmd: ['true'], tty: false });
    await api.events.next('exec.exit', (e) => e.session === session);
    await api.events.next('engine.event', (e) => e.id === id && e.action.startsWith('exec_die'), { from: mark });
    await api.client.call('containers.pause', { id });
    const paused = await api.events.next('containers.changed', (e) => e.ids.includes(id), { from: mark });
    expect(paused.ids).toEqual([id]);
  });
});

describe('engine going away', () => {
  let engine: PrivateDockerd;
  let watched: TestApi;

  beforeAll(async () => {
    engine = await startPrivateDockerd({ networking: 'none', name: 'reconnect' });
    watched = startTestApi(engine.dockerHost, 'reconnect-client');
    await watched.events.next('engine.state', (s) => s.state === 'connected');
  });

  afterAll(async () => {
    await watched?.close();
    await engine?.stop();
  });

  it('reports disconnected when the engine is killed, then reconnects by itself when it is back', async () => {
    const mark = watched.events.mark();
    await engine.kill('SIGKILL');
    const down = await watched.events.next('engine.state', (s) => s.state === 'disconnected', { from: mark });
    expect(down.error).toBeTruthy();
    await watched.events.next('engine.state', (s) => s.state === 'reconnecting', { from: mark });
    const failed = await watched.client.call('system.info', {}).catch((e: { code: string }) => e.code);
    expect(failed).toBe('engine-unavailable');

    await engine.restart();
    const up = await watched.events.next('engine.state', (s) => s.state === 'connected', {
      from: mark,
      timeoutMs: 60_000,
    });
    expect(up.version).toBeTruthy();
    await watched.events.next('containers.changed', (e) => e.ids.length === 0, { from: mark });
    expect((await watched.client.call('system.info', {})).serverVersion).toBe(up.version);

    const afterMark = watched.events.mark();
    const volume = await watched.client.call('volumes.create', { name: uniqueName('back') });
    await watched.events.next('volumes.changed', (e) => e.names.includes(volume.name), { from: afterMark });
  });
});
