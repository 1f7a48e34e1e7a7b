// Commit and update through Berth's API on the test engine: the committed image's config carries the CMD, ENV,
// EXPOSE and message given (inspect), a bad change line is refused by its index; update changes HostConfig (Memory,
// MemorySwap, NanoCpus, CpuShares, RestartPolicy) of a running container, and its stats report the new limit on the
// next sample.
import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';
import { testEngine, testLabels, uniqueName } from '../support/engine';

const api = useTestApi();
const { docker, image } = testEngine();
const labels = testLabels();
const MIB = 1024 * 1024;

const runSleeper = () =>
  api.client.call('containers.run', {
    spec: { image, labels, command: ['sh', '-c', 'echo kept > /kept; trap "exit 0" TERM; sleep 300 & wait'] },
    start: true,
  });

describe('commit', () => {
  it('makes an image whose config carries the changes, the message and the author', async () => {
    const { id } = await runSleeper();
    const reference = `${uniqueName('committed')}:v1`;
    const commit = await api.client.call('containers.commit', {
      id,
      reference,
      comment: 'snapshot from the test',
      author: 'Berth Test <test@example.invalid>',
      pause: true,
      changes: ['CMD ["cat", "/kept"]', 'env A=1', 'EXPOSE 8080/tcp', `LABEL berth.test=${labels['berth.test']}`],
    });
    const inspect = await docker.getImage(commit.id).inspect();
    expect(inspect.RepoTags).toEqual([reference]);
    expect(inspect.Config.Cmd).toEqual(['cat', '/kept']);
    expect(inspect.Config.Env).toContain('A=1');
    expect(Object.keys(inspect.Config.ExposedPorts ?? {})).toContain('8080/tcp');
    expect(inspect.Comment).toBe('snapshot from the test');
    expect(inspect.Author).toBe('Berth Test <test@example.invalid>');
    expect((await docker.getContainer(id).inspect()).State.Running).toBe(true);
  });

  it('refuses a change the engine would not take, naming its line', async () => {
    const { id } = await runSleeper();
    const before = (await docker.listImages()).length;
    const result = await api.backend.dispatch(
      'containers.commit',
      { id, changes: ['CMD ["sh"]', 'RUN rm -rf /'] },
      { client: 'test-client' },
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringMatching(/^changes\[1\]: .*RUN cannot be committed/) },
    });
    expect((await docker.listImages()).length).toBe(before);
  });
});

describe('update', () => {
  it('changes the HostConfig limits and restart policy of a running container', async () => {
    const { id } = await runSleeper();
    const result = await api.client.call('containers.update', {
      id,
      memory: '96m',
      memorySwap: '192m',
      cpus: '0.5',
      cpuShares: 512,
      restartPolicy: 'on-failure',
      restartMaxRetries: 3,
    });
    expect(result.warnings).toEqual([]);
    const host = (await docker.getContainer(id).inspect()).HostConfig as Record<string, unknown>;
    expect(host).toMatchObject({
      Memory: 96 * MIB,
      MemorySwap: 192 * MIB,
      NanoCpus: 500_000_000,
      CpuShares: 512,
      RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
    });
    const detail = await api.client.call('containers.inspect', { id });
    expect(detail).toMatchObject({ memoryLimit: 96 * MIB, memorySwap: 192 * MIB, cpuShares: 512, running: true });
  });

  it('refuses swap below memory and shares out of range by field, changing nothing', async () => {
    const { id } = await runSleeper();
    const call = (args: Record<string, unknown>) =>
      api.backend.dispatch('containers.update', { id, ...args } as never, { client: 'test-client' });
    expect(await call({ memory: '128m', memorySwap: '64m' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringMatching(/^memorySwap: must be at least the memory/) },
    });
    expect(await call({ cpuShares: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringMatching(/cpuShares.*at least 2/) },
    });
    expect(await call({ memorySwap: 'lots' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringMatching(/^memorySwap: invalid size "lots"/) },
    });
    expect((await docker.getContainer(id).inspect()).HostConfig.Memory).toBe(0);
  });

  it('the stats stream reports the new memory limit on its next sample', async () => {
    const { id } = await runSleeper();
    const { session } = await api.client.call('stats.open', { id });
    try {
      await api.events.next('stats.data', (e) => e.session === session);
      const from = api.events.mark();
      await api.client.call('containers.update', { id, memory: '80m' });
      const sample = await api.events.next(
        'stats.data',
        (e) => e.session === session && e.sample.memoryLimit === 80 * MIB,
        {
          from,
          timeoutMs: 10_000,
        },
      );
      expect(sample.sample.memoryLimit).toBe(80 * MIB);
    } finally {
      await api.client.call('stats.close', { session });
    }
  });
});
