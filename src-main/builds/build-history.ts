// The builds Berth made, kept in one JSON file in Berth's data folder (written atomically, the last MAX_BUILDS
// builds), or in memory only where there is no data folder.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { BuildRecord } from '../contract/dto/builds';

/** Builds the history keeps; older ones are dropped. */
export const MAX_BUILDS = 50;
/** Raw log lines one build keeps; the first ones are dropped past it. */
export const MAX_LOG_LINES = 5000;

const FILE_VERSION = 1;

export class BuildHistory {
  private records: BuildRecord[] = [];
  private loaded: Promise<void> | undefined;
  private writes: Promise<unknown> = Promise.resolve();

  /** `file`: where the history lives; undefined keeps it in memory. */
  constructor(private readonly file: string | undefined) {}

  /** Newest first. */
  async list(): Promise<BuildRecord[]> {
    await this.load();
    return [...this.records];
  }

  async get(id: string): Promise<BuildRecord | undefined> {
    await this.load();
    return this.records.find((record) => record.id === id);
  }

  /** Adds or replaces `record` (newest first) and writes the file. */
  async put(record: BuildRecord): Promise<void> {
    await this.load();
    this.records = [record, ...this.records.filter((r) => r.id !== record.id)].slice(0, MAX_BUILDS);
    await this.save();
  }

  /** True when there was such a build. */
  async remove(id: string): Promise<boolean> {
    await this.load();
    const before = this.records.length;
    this.records = this.records.filter((r) => r.id !== id);
    if (this.records.length === before) return false;
    await this.save();
    return true;
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      if (!this.file) return;
      const text = await readFile(this.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
      if (text === undefined) return;
      try {
        const parsed = JSON.parse(text) as { version?: number; builds?: BuildRecord[] };
        if (parsed.version === FILE_VERSION && Array.isArray(parsed.builds)) this.records = parsed.builds;
      } catch {
        // An unreadable history starts empty; the next build writes a good one over it.
      }
    })();
    return this.loaded;
  }

  /** One write at a time, each of the history as it is then: a temporary file synced and renamed over the file. */
  private save(): Promise<void> {
    const file = this.file;
    if (!file) return Promise.resolve();
    const text = `${JSON.stringify({ version: FILE_VERSION, builds: this.records })}\n`;
    const write = this.writes.then(async () => {
      await mkdir(dirname(file), { recursive: true, mode: 0o700 });
      const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await open(temp, 'wx', 0o600);
      try {
        try {
          await handle.writeFile(text);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, file);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    });
    this.writes = write.catch(() => undefined);
    return write;
  }
}
