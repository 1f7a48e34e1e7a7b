// The OSV database Berth imported, kept in its data folder: one index file per ecosystem (package → advisories) and
// database.json saying where it came from and when. An import builds the new index beside the old and swaps it in.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditDatabaseStatus, PackageEcosystem } from '../contract/dto/audit';
import { InvalidArgumentError } from '../engine/errors';
import { OsvIndexBuilder, type EcosystemIndex } from '../insight/audit/osv/osv-index';
import type { AdvisoryLookup } from '../insight/audit/osv/osv-matcher';
import { readOsvFiles } from './osv-files';

const FOLDER = 'osv';
const STATUS_FILE = 'database.json';

export class AuditDatabase {
  private readonly folder: string;

  constructor(dataDir: string) {
    this.folder = join(dataDir, FOLDER);
  }

  async status(): Promise<AuditDatabaseStatus> {
    try {
      const saved = JSON.parse(await readFile(join(this.folder, STATUS_FILE), 'utf8')) as AuditDatabaseStatus;
      return { ...saved, present: true };
    } catch {
      return { present: false };
    }
  }

  /** Imports the OSV files at `path` (folder, zip or JSON file), replacing the database Berth had. */
  async import(path: string, signal?: AbortSignal): Promise<AuditDatabaseStatus> {
    const builder = new OsvIndexBuilder();
    await readOsvFiles(path, (record) => builder.add(record), signal);
    if (builder.advisories === 0)
      throw new InvalidArgumentError(
        'path',
        `${path} holds no OSV advisory for Debian, Ubuntu, Alpine, npm, PyPI or Go`,
      );
    const status: AuditDatabaseStatus = {
      present: true,
      source: path,
      importedAt: new Date().toISOString(),
      advisories: builder.advisories,
      ecosystems: [...builder.ecosystems.keys()].sort(),
    };
    const building = `${this.folder}.${randomBytes(4).toString('hex')}.building`;
    await mkdir(building, { recursive: true, mode: 0o700 });
    try {
      for (const [ecosystem, index] of builder.ecosystems)
        await writeFile(join(building, `${ecosystem}.json`), JSON.stringify(index));
      await writeFile(join(building, STATUS_FILE), `${JSON.stringify(status, null, 2)}\n`);
      const old = `${this.folder}.${randomBytes(4).toString('hex')}.old`;
      await rename(this.folder, old).catch(() => undefined);
      await rename(building, this.folder);
      await rm(old, { recursive: true, force: true });
    } catch (error) {
      await rm(building, { recursive: true, force: true });
      throw error;
    }
    return status;
  }

  /** The advisories of the ecosystems asked for, loaded once for one scan. */
  async lookup(ecosystems: Iterable<PackageEcosystem>): Promise<AdvisoryLookup> {
    const loaded = new Map<string, EcosystemIndex>();
    for (const ecosystem of new Set(ecosystems)) {
      const text = await readFile(join(this.folder, `${ecosystem}.json`), 'utf8').catch(() => undefined);
      if (text) loaded.set(ecosystem, JSON.parse(text) as EcosystemIndex);
    }
    return (ecosystem, name) => {
      const index = loaded.get(ecosystem);
      return (index && Object.hasOwn(index, name) && index[name]) || [];
    };
  }
}
