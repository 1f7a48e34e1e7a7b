// Blobs of an image export kept aside until they are needed: small ones (JSON, tiny layers) in memory, the rest in a
// temp folder that `dispose` removes, so a layer that arrives before its turn costs disk, not memory.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Blobs up to this size stay in memory (64 KiB). */
export const IN_MEMORY_BYTES = 64 * 1024;

export class ExportStash {
  private readonly memory = new Map<string, Buffer>();
  private readonly files = new Map<string, string>();
  private dir: Promise<string> | undefined;
  private fileCount = 0;

  /** Bytes written to temp files so far. */
  spilledBytes = 0;

  /** Keeps `name`'s content (`size` bytes, read from `content` to its end). */
  async put(name: string, size: number, content: Readable): Promise<void> {
    if (size <= IN_MEMORY_BYTES) {
      const chunks: Buffer[] = [];
      for await (const chunk of content) chunks.push(chunk as Buffer);
      this.memory.set(name, Buffer.concat(chunks));
      return;
    }
    this.dir ??= mkdtemp(join(tmpdir(), 'berth-export-'));
    const file = join(await this.dir, String(this.fileCount++));
    await pipeline(content, createWriteStream(file));
    this.files.set(name, file);
    this.spilledBytes += size;
  }

  has(name: string): boolean {
    return this.memory.has(name) || this.files.has(name);
  }

  /** The kept content of `name`, as a stream. */
  open(name: string): Readable {
    const kept = this.memory.get(name);
    if (kept) return Readable.from([kept]);
    const file = this.files.get(name);
    if (!file) throw new Error(`export blob "${name}" was not kept`);
    return createReadStream(file);
  }

  /** `name`'s content parsed as JSON, or undefined when it is not kept or not JSON. */
  async json(name: string): Promise<unknown> {
    const file = this.files.get(name);
    const text = this.memory.get(name) ?? (file ? await readFile(file) : undefined);
    if (!text) return undefined;
    try {
      return JSON.parse(text.toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  }

  async drop(name: string): Promise<void> {
    this.memory.delete(name);
    const file = this.files.get(name);
    this.files.delete(name);
    if (file) await rm(file, { force: true });
  }

  async dispose(): Promise<void> {
    this.memory.clear();
    this.files.clear();
    const dir = await this.dir?.catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
