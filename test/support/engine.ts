// Helpers for integration test files: the engine from global setup, unique names, labels, clean-up, polling.
import { randomBytes } from 'node:crypto';
import type Dockerode from 'dockerode';
import { inject } from 'vitest';
import { dockerodeFor } from './docker-client';
import { removeLabelledObjects, TEST_LABEL } from './labelled-objects';
import type {} from './provided';

export { TEST_LABEL } from './labelled-objects';
export { waitFor } from './wait';
export type { WaitOptions } from './wait';

export interface TestEngine {
  docker: Dockerode;
  /** DOCKER_HOST-style address of the engine, e.g. `unix:///tmp/berth-dockerd-…/docker.sock`. */
  dockerHost: string;
  /** Tag of the busybox test image built by global setup. */
  image: string;
}

/** Random per test process (each test file runs in its own process or module graph). */
const PROCESS_SUFFIX = randomBytes(3).toString('hex');
let nameCounter = 0;
let cached: TestEngine | undefined;
let runId: string | undefined;

/** The engine global setup started (or found in DOCKER_HOST), with the test image tag. */
export function testEngine(): TestEngine {
  if (!cached) {
    const dockerHost = inject('dockerHost');
    cached = { docker: dockerodeFor(dockerHost), dockerHost, image: inject('testImage') };
  }
  return cached;
}

/** This test process's run id: the global run id plus the process suffix. */
export function testRunId(): string {
  runId ??= `${inject('testRunId')}-${PROCESS_SUFFIX}`;
  return runId;
}

/**
 * A name valid for containers, volumes, networks and image repositories: lowercase
 * `prefix-<process suffix>-<counter>`, unique within this run.
 */
export function uniqueName(prefix: string): string {
  const clean =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'test';
  nameCounter += 1;
  return `${clean}-${PROCESS_SUFFIX}-${nameCounter}`;
}

/** Labels to put on every container, network, volume and image a test creates, so clean-up finds them. */
export function testLabels(): Record<string, string> {
  return { [TEST_LABEL]: testRunId() };
}

/** Removes every container (forced, with volumes), network, volume and image labelled with this run's label. */
export async function cleanupTestObjects(docker: Dockerode): Promise<void> {
  await removeLabelledObjects(docker, { value: testRunId() });
}
