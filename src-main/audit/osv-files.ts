// Reads an OSV database as its publisher ships it: a folder of OSV JSON files (searched recursively), one such zip
// (the per-ecosystem all.zip), or a single JSON file; each record is handed over parsed, one at a time.
import { createReadStream } from 'node:fs';
import { opendir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { InvalidArgumentError } from '../engine/errors';

/** The largest single OSV file read (real advisories are a few KiB). */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;

type RecordSink = (record: unknown, file: string) => void;

function parse(text: string, file: string, sink: RecordSink, bad: string[]): void {
  try {
    const value: unknown = JSON.parse(text);
    for (const record of Array.isArray(value) ? value : [value]) sink(record, file);
  } catch {
    bad.push(file);
  }
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > MAX_RECORD_BYTES) {
      stream.destroy();
      throw new Error('too big');
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readFolder(folder: string, sink: RecordSink, bad: string[], signal?: AbortSignal): Promise<void> {
  for await (const entry of await opendir(folder)) {
    signal?.throwIfAborted();
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await readFolder(path, sink, bad, signal);
    else if (entry.isFile() && entry.name.endsWith('.json'))
      parse(await readAll(createReadStream(path)).catch(() => ''), path, sink, bad);
  }
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: true }, (error, zip) => (error ? reject(error) : resolve(zip))),
  );
}

/** Entries read at once from a zip: an all.zip holds tens of thousands of small files, each a few reads. */
const PARALLEL_ENTRIES = 8;

async function readZip(file: string, sink: RecordSink, bad: string[], signal?: AbortSignal): Promise<void> {
  const zip = await openZip(file);
  await new Promise<void>((resolve, reject) => {
    let reading = 0;
    let ended = false;
    let paused = false;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      zip.close();
      reject(error);
    };
    // The next entry of the central directory, unless PARALLEL_ENTRIES are being read: then when one is done.
    const nextEntry = () => {
      if (failed) return;
      if (reading < PARALLEL_ENTRIES) zip.readEntry();
      else paused = true;
    };
    const entryDone = () => {
      reading--;
      if (ended && reading === 0) resolve();
      else if (paused) {
        paused = false;
        zip.readEntry();
      }
    };
    zip.on('error', fail);
    zip.on('end', () => {
      ended = true;
      if (reading === 0) resolve();
    });
    zip.on('entry', (entry: yauzl.Entry) => {
      if (signal?.aborted) return fail(signal.reason as Error);
      if (!entry.fileName.endsWith('.json') || entry.uncompressedSize > MAX_RECORD_BYTES) return nextEntry();
      reading++;
      zip.openReadStream(entry, (error, stream) => {
        if (error) return fail(error);
        readAll(stream).then((text) => {
          parse(text, entry.fileName, sink, bad);
          entryDone();
        }, fail);
      });
      nextEntry();
    });
    zip.readEntry();
  });
}

/**
 * Hands every OSV record under `path` to `sink`; returns the files that were not JSON. A path that is none of the
 * three shapes is refused naming the field.
 */
export async function readOsvFiles(path: string, sink: RecordSink, signal?: AbortSignal): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new InvalidArgumentError('path', `${path} does not exist`);
  const bad: string[] = [];
  if (info.isDirectory()) await readFolder(path, sink, bad, signal);
  else if (path.endsWith('.zip')) {
    await readZip(path, sink, bad, signal).catch((error: Error) => {
      if (signal?.aborted) throw error;
      throw new InvalidArgumentError('path', `${path} is not a readable zip: ${error.message}`);
    });
  } else if (path.endsWith('.json')) parse(await readFile(path, 'utf8'), path, sink, bad);
  else throw new InvalidArgumentError('path', 'must be a folder of OSV JSON files, a .zip of them or one .json file');
  return bad;
}
