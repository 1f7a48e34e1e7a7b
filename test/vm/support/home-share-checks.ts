// What both home-share transports must do, as a user sees it: files cross both ways at the same path, and who owns what a container writes.
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

const HELPER = 'berth/helper:1';
type Docker = (args: string[]) => Promise<string>;

/**
 * A folder with spaces and non-ASCII letters under `home`, a file written on the host read in a
 * container through `-v <same path>`, and one written in the container read on the host. Returns
 * the file the container wrote. `beforeRun` may adjust the folder (ownership) before the container runs.
 */
export async function checkFilesCrossBothWays(
  docker: Docker,
  home: string,
  beforeRun?: (top: string) => void,
): Promise<string> {
  const project = join(home, 'my project', 'Zoë ñ 日本');
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, 'from host é.txt'), 'written on the host\n');
  beforeRun?.(join(home, 'my project'));
  const script = 'cat "/app/from host é.txt" && echo "written in a container" > "/app/from container ü.txt"';
  expect(await docker(['run', '--rm', '-v', `${project}:/app`, HELPER, 'sh', '-c', script])).toBe(
    'written on the host\n',
  );
  const written = join(project, 'from container ü.txt');
  expect(readFileSync(written, 'utf8')).toBe('written in a container\n');
  return written;
}

/** Has a container running as uid 1000 create a file in a world-writable folder under `home`; returns its owner. */
export async function ownerOfFileWrittenAsUid1000(docker: Docker, home: string): Promise<{ uid: number; gid: number }> {
  const open = join(home, 'open to all');
  mkdirSync(open);
  chmodSync(open, 0o777);
  await docker([
    'run',
    '--rm',
    '-u',
    '1000:1000',
    '-v',
    `${open}:/out`,
    HELPER,
    'busybox',
    'touch',
    '/out/by uid 1000',
  ]);
  const { uid, gid } = statSync(join(open, 'by uid 1000'));
  return { uid, gid };
}
