// The compose fixture project copied into a test's own folder (the test engine sees only temp folders), with the
// test image named in its .env; a project of two services writing timestamped lines; the engine root's docker CLI
// with its compose plugin for Berth to run.
import { appendFileSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
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

/** The services of the logs project (see writeLogsProject), in the order Berth lists them. */
export const LOGS_SERVICES = ['alpha', 'beta'] as const;
/** Numbered lines each service of the logs project writes before it ticks. */
export const LOGS_HISTORY = 40;

/** A service's script: LOGS_HISTORY numbered lines 20 ms apart (beta's odd ones to stderr), then a tick every 300 ms. */
function logsScript(service: string): string {
  const out = service === 'beta' ? `if [ $((i % 2)) = 1 ]; then echo "$M" >&2; else echo "$M"; fi` : 'echo "$M"';
  return [
    "trap 'exit 0' TERM",
    'i=0',
    `while [ $i -lt ${LOGS_HISTORY} ]; do i=$((i+1)); M="${service} line $i"; ${out}; usleep 20000; done`,
    `echo "${service} history done"`,
    'i=0',
    `while true; do i=$((i+1)); echo "${service} tick $i"; usleep 300000; done`,
  ].join('\n');
}

/** Writes a compose project (as JSON, which compose reads as YAML) of two services writing lines into `dir`. */
export function writeLogsProject(dir: string, image: string): string {
  const service = (name: string) => ({
    image,
    pull_policy: 'never',
    // "$" is compose's interpolation: "$$" passes it on to the shell.
    command: ['sh', '-c', logsScript(name).replace(/\$/g, '$$$$')],
    stop_grace_period: '1s',
  });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'compose.yaml');
  writeFileSync(file, JSON.stringify({ services: Object.fromEntries(LOGS_SERVICES.map((s) => [s, service(s)])) }));
  return file;
}
