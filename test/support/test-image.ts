// Builds the harness's tiny test image (static busybox + applet links) and imports it into an engine.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import type { Headers } from 'tar-fs';
import { isStaticElf } from './elf';
import { ensureDebianPackages } from './packages';
import { followProgress } from './progress';
import { packDir } from './tar';

export const TEST_IMAGE_TAG = 'berth-test/busybox:latest';
/** Label holding a hash of everything the image is built from; an unchanged hash skips the rebuild. */
export const IMAGE_INPUTS_LABEL = 'berth.test.image-inputs';

/** Bump when the recipe below changes in a way the hashed inputs do not show. */
const RECIPE_VERSION = '1';
const BUSYBOX = '/bin/busybox';
const PASSWD = 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n';
const GROUP = 'root:x:0:\nnogroup:x:65534:\n';
const CHANGES = ['ENV PATH=/bin', 'CMD ["/bin/sh"]'];

/**
 * Imports (POST /images/create?fromSrc=-) a root filesystem made of the host's static busybox,
 * one /bin symlink per applet, /tmp (1777) and /etc/passwd, tagged `tag`. Returns the image id.
 */
export async function buildTestImage(docker: Dockerode, tag = TEST_IMAGE_TAG): Promise<string> {
  await ensureDebianPackages({ [BUSYBOX]: 'busybox-static' });
  if (isStaticElf(BUSYBOX) === false) {
    throw new Error(`${BUSYBOX} is dynamically linked; install the busybox-static package instead of busybox`);
  }
  const binary = readFileSync(BUSYBOX);
  const applets = execFileSync(BUSYBOX, ['--list'], { encoding: 'utf8' })
    .split('\n')
    .map((name) => name.trim())
    .filter((name) => name !== '' && name !== 'busybox' && !name.includes('/'));
  const inputs = createHash('sha256')
    .update([RECIPE_VERSION, applets.join(' '), PASSWD, GROUP, CHANGES.join('\n')].join('\0'))
    .update(binary)
    .digest('hex')
    .slice(0, 32);

  const existing = await docker
    .getImage(tag)
    .inspect()
    .catch(() => undefined);
  if (existing?.Config?.Labels?.[IMAGE_INPUTS_LABEL] === inputs) return existing.Id;

  const dir = mkdtempSync(join(tmpdir(), 'berth-image-'));
  try {
    writeRootfs(dir, binary, applets);
    const { repo, tag: version } = splitTag(tag);
    const stream = await docker.importImage(packDir(dir, { map: keepSticky }), {
      repo,
      tag: version,
      changes: [...CHANGES, `LABEL ${IMAGE_INPUTS_LABEL}=${inputs}`],
    });
    await followProgress(docker, stream);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const built = await docker.getImage(tag).inspect();
  if (existing && existing.Id !== built.Id) {
    await docker
      .getImage(existing.Id)
      .remove()
      .catch(() => undefined); // still used by a container: leave it
  }
  return built.Id;
}

function writeRootfs(dir: string, busybox: Buffer, applets: string[]): void {
  for (const sub of ['bin', 'etc', 'root', 'tmp', 'proc', 'sys', 'dev']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'bin', 'busybox'), busybox, { mode: 0o755 });
  chmodSync(join(dir, 'bin', 'busybox'), 0o755);
  for (const applet of applets) symlinkSync('busybox', join(dir, 'bin', applet));
  writeFileSync(join(dir, 'etc', 'passwd'), PASSWD, { mode: 0o644 });
  writeFileSync(join(dir, 'etc', 'group'), GROUP, { mode: 0o644 });
  chmodSync(join(dir, 'root'), 0o700);
  chmodSync(join(dir, 'tmp'), 0o1777);
}

/** The packer applies the umask, which would turn /tmp's 1777 into 1755. */
function keepSticky(header: Headers): Headers {
  return header.name === 'tmp' ? { ...header, mode: 0o1777 } : header;
}

/** 'repo/name:tag' → { repo, tag }; a missing tag means 'latest'. */
export function splitTag(reference: string): { repo: string; tag: string } {
  const colon = reference.lastIndexOf(':');
  if (colon > reference.lastIndexOf('/')) return { repo: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  return { repo: reference, tag: 'latest' };
}
