// Vitest global setup for integration tests: an engine (DOCKER_HOST or a private dockerd) and the test image.
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { dockerodeFor } from './docker-client';
import { startPrivateDockerd, sweepStaleDockerdDirs } from './dockerd';
import { removeLabelledObjects } from './labelled-objects';
import { sweepStaleRegistryDirs } from './registry';
import { sweepStaleSshdDirs } from './sshd';
import { buildTestImage, TEST_IMAGE_TAG } from './test-image';
import { withTimeout } from './wait';
import type {} from './provided';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  // Test workers that were killed mid-clean-up (vitest SIGKILLs a worker 500 ms after SIGTERM)
  // leave temp folders; by the final teardown their owners are gone, so sweep them then.
  const teardowns: Array<() => Promise<void>> = [
    async () => {
      sweepStaleDockerdDirs();
      sweepStaleRegistryDirs();
      sweepStaleSshdDirs();
    },
  ];
  // Every step runs even if an earlier one fails; the failures are reported together.
  const teardown = async () => {
    const failures: unknown[] = [];
    for (const step of teardowns.reverse()) await step().catch((error: unknown) => failures.push(error));
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, 'integration teardown failed');
  };
  try {
    let dockerHost = process.env.DOCKER_HOST;
    if (!dockerHost) {
      if (process.getuid?.() !== 0) {
        throw new Error(
          'Integration tests need a Docker Engine: set DOCKER_HOST, or run as root to start a private dockerd',
        );
      }
      const started = Date.now();
      // The current engine (docker 26) by default; the engine-layer tests run again on the host's older one.
      const engine = project.name.endsWith('-legacy') ? 'host' : 'current';
      const dockerd = await startPrivateDockerd({ name: 'main', engine });
      teardowns.push(() => dockerd.stop());
      dockerHost = dockerd.dockerHost;
      log(`private dockerd ready in ${Date.now() - started} ms (${dockerHost})`);
    }
    const docker = dockerodeFor(dockerHost);
    await withTimeout(docker.ping(), 10_000).catch((error: Error) => {
      throw new Error(`Docker Engine at ${dockerHost} does not answer: ${error.message}`);
    });
    // Sweep what this run's test files left behind (only matters for a shared DOCKER_HOST engine).
    teardowns.push(() => removeLabelledObjects(docker, { where: (value) => value.startsWith(`${runId}-`) }));

    const started = Date.now();
    const imageId = await buildTestImage(docker, TEST_IMAGE_TAG);
    log(`test image ${TEST_IMAGE_TAG} (${imageId.slice(7, 19)}) ready in ${Date.now() - started} ms`);

    project.provide('dockerHost', dockerHost);
    project.provide('testImage', TEST_IMAGE_TAG);
    project.provide('testRunId', runId);
    return teardown;
  } catch (error) {
    await teardown();
    throw error;
  }
}

function log(message: string): void {
  process.stdout.write(`[berth harness] ${message}\n`);
}
