// The end-of-life docker-compose v1 (Debian bookworm's Python one) for tests: its packages unpacked into a cache
// folder, never installed, so the host's PATH does not have it; a folder with `docker-compose` runs it.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './command';
import { TEST_CACHE } from './engine-root';
import { ensureDebianPackages } from './packages';

const PYTHON = '/usr/bin/python3';

/** A folder holding `docker-compose`, v1 from this machine's apt, with what it needs that the host lacks. */
export async function composeV1Bin(): Promise<string> {
  const tools = await ensureDebianPackages({
    'apt-get': 'apt',
    'apt-cache': 'apt',
    'dpkg-deb': 'dpkg',
    [PYTHON]: 'python3',
  });
  const version = await candidate(tools['apt-cache']!);
  const dir = join(TEST_CACHE, `compose-v1-${version}`);
  const bin = join(dir, 'bin');
  if (existsSync(join(bin, 'docker-compose'))) return bin;
  // Made beside its final place and renamed in at the end, so a half-made folder is never taken for a whole one.
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(join(building, 'debs'), { recursive: true });
  try {
    const packages = await missingPackages(tools['apt-get']!);
    await run(tools['apt-get']!, ['download', ...packages], { cwd: join(building, 'debs') });
    for (const deb of readdirSync(join(building, 'debs')))
      await run(tools['dpkg-deb']!, ['-x', join(building, 'debs', deb), join(building, 'root')]);
    mkdirSync(join(building, 'bin'));
    const root = join(dir, 'root');
    writeFileSync(
      join(building, 'bin', 'docker-compose'),
      `#!/bin/sh\nPYTHONPATH=${root}/usr/lib/python3/dist-packages exec ${PYTHON} ${root}/usr/bin/docker-compose "$@"\n`,
      { mode: 0o755 },
    );
    rmSync(join(building, 'debs'), { recursive: true });
    renameSync(building, dir);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(join(bin, 'docker-compose'))) throw error; // another run put it there first otherwise
  }
  return bin;
}

/** The docker-compose version apt offers, which must be v1 (bookworm's 1.29.2; trixie's is v2). */
async function candidate(aptCache: string): Promise<string> {
  const policy = (await run(aptCache, ['policy', 'docker-compose'])).stdout;
  const version = /Candidate:\s*(\S+)/.exec(policy)?.[1];
  if (!version?.startsWith('1.'))
    throw new Error(`this machine's apt offers docker-compose ${version ?? '(none)'}, not the v1 the test needs`);
  return version;
}

/** docker-compose and the packages it depends on that this machine does not have, as apt would install them. */
async function missingPackages(aptGet: string): Promise<string[]> {
  const plan = await run(aptGet, ['install', '--simulate', '--no-install-recommends', 'docker-compose']);
  return [...plan.stdout.matchAll(/^Inst (\S+)/gm)].map((match) => match[1]!);
}

async function run(file: string, args: string[], options: { cwd?: string } = {}): Promise<{ stdout: string }> {
  const result = await runCommand(file, args, { ...options, timeoutMs: 5 * 60_000 });
  if (result.code !== 0)
    throw new Error(`${file} ${args.join(' ')} failed (${result.code}): ${result.stderr.slice(-2000)}`);
  return { stdout: result.stdout.toString() };
}
