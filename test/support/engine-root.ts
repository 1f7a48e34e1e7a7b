// A current Docker Engine for tests on an older host: a Debian trixie root folder (docker.io 26, its CLI, buildx and
// compose plugins) made once by mmdebstrap and reused while what shapes it is unchanged, and how to run its dockerd
// and CLIs from this host.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCommand } from './command';
import { ensureDebianPackages } from './packages';

export const ENGINE_ROOT_SUITE = 'trixie';
/** What the root holds: the engine and the CLIs the tests use; procps because dockerd runs `ps` for `top`. */
export const ENGINE_ROOT_PACKAGES = [
  'docker.io',
  'docker-cli',
  'docker-buildx',
  'docker-compose',
  'iptables',
  'ca-certificates',
  'procps',
];
/** Where the harness keeps what it makes once and reuses across runs. */
export const TEST_CACHE = process.env.BERTH_TEST_CACHE ?? '/var/cache/berth-test';
const MIRROR_SCRIPT = resolve(import.meta.dirname, '../../scripts/debian-mirror.sh');
const BUILD_TIMEOUT_MS = 15 * 60_000;

/**
 * Run as `sh -c PIVOT_ROOT sh <root> <command…>` inside `unshare -m --propagation private`: the root folder becomes
 * `/` (bound on itself; /proc, /sys, /dev and /tmp, where tests keep the folders they bind-mount, brought in), the
 * old root is detached, and the command runs there. A plain chroot would do for dockerd but not for BuildKit, whose
 * `RUN` remounts `/` (`remount /, flags 0x84000`) and needs `/` to be a mount point.
 */
export const PIVOT_ROOT = `set -e
root=$1; shift
mount --bind "$root" "$root"
for dir in proc sys dev tmp; do mkdir -p "$root/$dir"; mount --rbind "/$dir" "$root/$dir"; done
cd "$root"
mkdir -p .old-root
pivot_root . .old-root
cd /
umount -l /.old-root
exec "$@"`;

/** The Debian mirror this machine's apt uses (or $BERTH_DEBIAN_MIRROR). */
export async function debianMirror(): Promise<string> {
  const result = await runCommand('bash', [MIRROR_SCRIPT], { timeoutMs: 10_000 });
  const mirror = result.stdout.toString().trim();
  if (result.code !== 0 || !mirror) throw new Error(`no Debian mirror: ${result.stderr.trim()}`);
  return mirror;
}

/** The root folder with the current engine, made when missing (about half a minute, ~480 MB). */
export async function ensureEngineRoot(): Promise<string> {
  const { mmdebstrap } = await ensureDebianPackages({ mmdebstrap: 'mmdebstrap' });
  const mirror = await debianMirror();
  const key = createHash('sha256')
    .update(JSON.stringify({ suite: ENGINE_ROOT_SUITE, packages: ENGINE_ROOT_PACKAGES, mirror, variant: 'minbase' }))
    .digest('hex')
    .slice(0, 16);
  const root = join(TEST_CACHE, `engine-root-${ENGINE_ROOT_SUITE}-${key}`);
  if (existsSync(join(root, 'usr/sbin/dockerd'))) return root;
  mkdirSync(TEST_CACHE, { recursive: true });
  // Built beside its final place and renamed in at the end, so a half-made root is never taken for a whole one.
  const building = `${root}.building-${randomBytes(3).toString('hex')}`;
  const result = await runCommand(
    mmdebstrap!,
    ['--variant=minbase', `--include=${ENGINE_ROOT_PACKAGES.join(',')}`, ENGINE_ROOT_SUITE, building, mirror],
    { timeoutMs: BUILD_TIMEOUT_MS },
  );
  if (result.code !== 0) {
    rmSync(building, { recursive: true, force: true });
    throw new Error(
      `mmdebstrap of the ${ENGINE_ROOT_SUITE} engine root failed (${result.code}):\n${result.stderr.slice(-4000)}`,
    );
  }
  try {
    renameSync(building, root);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(join(root, 'usr/sbin/dockerd'))) throw error; // another run put it there first otherwise
  }
  return root;
}

/** The root's docker CLI, and a private DOCKER_CONFIG whose cli-plugins are the root's buildx and compose. */
export function engineRootCli(root: string, configDir: string): { docker: string; env: NodeJS.ProcessEnv } {
  const plugins = join(configDir, 'cli-plugins');
  mkdirSync(plugins, { recursive: true });
  for (const plugin of ['docker-buildx', 'docker-compose']) {
    const link = join(plugins, plugin);
    if (!existsSync(link)) symlinkSync(join(root, 'usr/libexec/docker/cli-plugins', plugin), link);
  }
  if (!existsSync(join(configDir, 'config.json'))) writeFileSync(join(configDir, 'config.json'), '{}\n');
  return { docker: join(root, 'usr/bin/docker'), env: { ...process.env, DOCKER_CONFIG: configDir } };
}

/** The docker CLI the tests run: the engine root's (the current generation), not whatever the machine has. */
export async function testDockerCli(): Promise<string> {
  return join(await ensureEngineRoot(), 'usr/bin/docker');
}
