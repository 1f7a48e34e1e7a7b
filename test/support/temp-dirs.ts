// Harness temp folders that name their owner process, so a later run can sweep what a crashed run left.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pidAlive } from './host-cleanup';

const OWNER_FILE = 'berth-owner.json';
/** A folder without an owner file this old is considered abandoned. */
const ORPHAN_AGE_MS = 60 * 60 * 1000;

export interface OwnerRecord {
  ownerPid: number;
  /** Free-form facts the sweeper needs, e.g. a cgroup parent. */
  [key: string]: unknown;
}

/** mkdtemp under os.tmpdir() with `prefix`, recording this process as the owner. */
export function makeOwnedTempDir(prefix: string, extra: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const record: OwnerRecord = { ...extra, ownerPid: process.pid };
  writeFileSync(join(dir, OWNER_FILE), JSON.stringify(record));
  return dir;
}

/**
 * Calls `cleanup` for every `<tmpdir>/<prefix>*` folder whose owner process is gone (or that has
 * had no owner file for an hour). Errors are reported, not thrown: sweeping is best effort.
 */
export function sweepStaleTempDirs(
  prefix: string,
  cleanup: (dir: string, owner: OwnerRecord | undefined) => void,
): void {
  const root = tmpdir();
  for (const name of readdirSync(root)) {
    if (!name.startsWith(prefix)) continue;
    const dir = join(root, name);
    try {
      const owner = readOwner(dir);
      const stale = owner ? !pidAlive(owner.ownerPid) : Date.now() - statSync(dir).mtimeMs > ORPHAN_AGE_MS;
      if (stale) cleanup(dir, owner);
    } catch (error) {
      process.stderr.write(`[berth harness] could not sweep ${dir}: ${(error as Error).message}\n`);
    }
  }
}

function readOwner(dir: string): OwnerRecord | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as OwnerRecord;
    return typeof parsed.ownerPid === 'number' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
