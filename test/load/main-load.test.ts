// Load on the built Electron main (under the stand-in) and a real engine: 200 containers at once, 50 log streams,
// 20 exec terminals, then a soak whose heap, sampled after full collections, must stop growing once warm.
import { readdirSync, readlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireResult } from '../../src-main/contract/result';
import type { MethodName } from '../../src-main/contract/api';
import type { StandInMain } from '../support/electron-stand-in/driver';
import { callAsPage, startBuiltMain } from '../support/electron-stand-in/started-main';
import {
  cleanupTestObjects,
  testEngine,
  testLabels,
  TEST_LABEL,
  testRunId,
  uniqueName,
  waitFor,
} from '../support/engine';
import { makeOwnedTempDir } from '../support/temp-dirs';

/** How long the soak runs (BERTH_SOAK_MINUTES overrides, for trying it out), and the part of it that warms up. */
const SOAK_MS = Number(process.env.BERTH_SOAK_MINUTES ?? 10) * 60_000;
const WARM_UP_MS = Math.min(2 * 60_000, SOAK_MS / 4);
/** The bound the soak holds main's heap to: growth after warm-up below 10 %. */
const HEAP_GROWTH_BOUND = 0.1;

let main: StandInMain;

beforeAll(async () => {
  ({ main } = await startBuiltMain(
    { DOCKER_HOST: testEngine().dockerHost, BERTH_HOME: makeOwnedTempDir('berth-load-'), STAND_IN_RECORD: 'off' },
    { nodeOptions: ['--expose-gc'], answerTimeoutMs: 180_000 },
  ));
});

afterAll(async () => {
  await main?.stop();
  await cleanupTestObjects(testEngine().docker);
});

/** The value of an answer that must be ok, or a failure naming the method and the error. */
async function ok<T>(method: MethodName, args: unknown): Promise<T> {
  const result: WireResult<T> = await callAsPage<T>(main, method, args);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Sockets main holds open (its engine connections among them), from /proc. */
function openSockets(): number {
  const fds = `/proc/${main.child.pid}/fd`;
  return readdirSync(fds).filter((fd) => {
    try {
      return readlinkSync(`${fds}/${fd}`).startsWith('socket:');
    } catch {
      return false;
    }
  }).length;
}

/** Waits until main holds no more sockets than `before` (streams closed let go of their engine connections). */
async function socketsBackTo(before: number): Promise<void> {
  await waitFor(async () => openSockets() <= before, {
    timeoutMs: 15_000,
    message: `main's open sockets going back to ${before} (now ${openSockets()})`,
  });
}

/** Runs `count` containers of the test image with `command`, all at once through the API; their ids. */
async function runMany(count: number, prefix: string, command: string[]): Promise<string[]> {
  const { image } = testEngine();
  const created = await Promise.all(
    Array.from({ length: count }, () =>
      ok<{ id: string }>('containers.run', {
        spec: { image, name: uniqueName(prefix), command, labels: testLabels() },
      }),
    ),
  );
  return created.map((container) => container.id);
}

async function removeMany(ids: readonly string[]): Promise<void> {
  await Promise.all(ids.map((id) => ok('containers.remove', { id, force: true })));
}

/** This run's containers the engine still has. */
async function remaining(): Promise<number> {
  const list = await testEngine().docker.listContainers({
    all: true,
    filters: { label: [`${TEST_LABEL}=${testRunId()}`] },
  });
  return list.length;
}

/** Opens a following log session on each container, waits for `lastLine` in each, closes them all. */
async function readLogsOfEach(ids: readonly string[], lastLine: string): Promise<void> {
  const sessions = await Promise.all(ids.map((id) => ok<{ session: string }>('logs.open', { id, follow: true })));
  await Promise.all(
    sessions.map(({ session }) =>
      waitFor(async () => (await ok<{ lines: string[] }>('logs.replay', { session })).lines.includes(lastLine), {
        timeoutMs: 60_000,
        message: `log session ${session} reaching "${lastLine}"`,
      }),
    ),
  );
  await Promise.all(sessions.map(({ session }) => ok('logs.close', { session })));
}

/** Opens `count` exec terminals (sh) in `id`, has each compute a number of its own, waits for it, closes them. */
async function execEach(id: string, count: number): Promise<void> {
  const sessions = await Promise.all(
    Array.from({ length: count }, () =>
      ok<{ session: string }>('exec.open', { id, cmd: ['sh'], tty: true, cols: 80, rows: 24 }),
    ),
  );
  await Promise.all(
    sessions.map(async ({ session }, index) => {
      // The terminal echoes the input, so the answer is one the input line does not contain.
      await ok('exec.input', { session, data: `echo $((${index} * 1000 + 7))\n` });
      await waitFor(async () => (await ok<string>('exec.replay', { session })).includes(`${index * 1000 + 7}`), {
        timeoutMs: 30_000,
        message: `exec terminal ${index} answering`,
      });
    }),
  );
  await Promise.all(sessions.map(({ session }) => ok('exec.close', { session })));
}

const LOG_COMMAND = ['sh', '-c', 'i=0; while [ $i -lt 200 ]; do echo "line $i"; i=$((i+1)); done; exec sleep 3600'];

describe('the built main under load', () => {
  it('starts, stops and removes 200 containers asked for all at once', async () => {
    const ids = await runMany(200, 'load', ['sleep', '3600']);
    expect(new Set(ids).size).toBe(200);
    const running = await testEngine().docker.listContainers({ filters: { label: [`${TEST_LABEL}=${testRunId()}`] } });
    expect(running).toHaveLength(200);
    await Promise.all(ids.map((id) => ok('containers.stop', { id, timeout: 0 })));
    const states = await Promise.all(ids.map((id) => testEngine().docker.getContainer(id).inspect()));
    expect(states.filter((state) => state.State.Running)).toEqual([]);
    await removeMany(ids);
    expect(await remaining()).toBe(0);
  });

  it('follows 50 logs at once to their last line, then lets go of every stream', async () => {
    const ids = await runMany(50, 'load-logs', LOG_COMMAND);
    const before = openSockets();
    await readLogsOfEach(ids, 'line 199');
    await socketsBackTo(before);
    await removeMany(ids);
  });

  it('answers in 20 exec terminals at once, then lets go of every one', async () => {
    const [id = ''] = await runMany(1, 'load-exec', ['sleep', '3600']);
    const before = openSockets();
    await execEach(id, 20);
    await socketsBackTo(before);
    await removeMany([id]);
  });

  it(
    `keeps its heap from growing over a ${SOAK_MS / 60_000}-minute soak once warm`,
    async () => {
      const samples: Array<{ at: number; heapMiB: number; rssMiB: number }> = [];
      const started = Date.now();
      let cycles = 0;
      while (Date.now() - started < SOAK_MS) {
        const ids = await runMany(10, 'soak', LOG_COMMAND);
        await readLogsOfEach(ids, 'line 199');
        await execEach(ids[0] ?? '', 5);
        await Promise.all(ids.map((id) => ok('containers.stop', { id, timeout: 0 })));
        await removeMany(ids);
        await ok('containers.list', { all: true });
        cycles += 1;
        const memory = await main.memory();
        expect(memory.collected).toBe(true);
        samples.push({
          at: Date.now() - started,
          heapMiB: memory.heapUsed / 2 ** 20,
          rssMiB: memory.rss / 2 ** 20,
        });
      }
      const warm = samples.filter((sample) => sample.at >= WARM_UP_MS);
      const mean = (list: typeof samples) => list.reduce((sum, sample) => sum + sample.heapMiB, 0) / list.length;
      const first = mean(warm.slice(0, 3));
      const last = mean(warm.slice(-3));
      process.stdout.write(
        `[soak] ${cycles} cycles in ${((Date.now() - started) / 60_000).toFixed(1)} min; heap after warm-up ` +
          `${first.toFixed(1)} MiB → ${last.toFixed(1)} MiB (${(((last - first) / first) * 100).toFixed(1)} %), ` +
          `RSS ${samples[0]?.rssMiB.toFixed(0)} → ${samples.at(-1)?.rssMiB.toFixed(0)} MiB\n`,
      );
      process.stdout.write(
        `[soak] heap MiB by minute: ${samples.map((sample) => `${(sample.at / 60_000).toFixed(1)}:${sample.heapMiB.toFixed(1)}`).join(' ')}\n`,
      );
      expect(warm.length).toBeGreaterThanOrEqual(6);
      expect(last).toBeLessThan(first * (1 + HEAP_GROWTH_BOUND));
      expect(await remaining()).toBe(0);
    },
    SOAK_MS + 5 * 60_000,
  );
});
