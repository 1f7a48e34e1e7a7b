// The compose fixture project copied into a test's own folder (the test engine sees only temp folders), with the
// test image named in its .env, and the engine root's docker CLI with its compose plugin for Berth to run.
import { appendFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { engineRootCli, ensureEngineRoot } from './engine-root';

export const COMPOSE_FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'compose-app');

/** Copies the fixture into `dir` and returns its compose file's path. */
export function copyComposeFixture(dir: string, image: string): string {
  cpSync(COMPOSE_FIXTURE, dir, { recursive: true });
  appendFileSync(join(dir, '.env'), `TEST_IMAGE=${image}\n`);
  return join(dir, 'compose.yaml');
}

/** The engine root's docker CLI (docker 26, compose 2.26) as Berth's hostCli option, with its own DOCKER_CONFIG. */
export async function testHostCli(configDir: string): Promise<{ docker: string; env: Record<string, string> }> {
  const { docker, env } = engineRootCli(await ensureEngineRoot(), configDir);
  return { docker, env: { DOCKER_CONFIG: env.DOCKER_CONFIG! } };
}
