// Turns one layer's uncompressed tar stream into LayerEntry values, one at a time: the next entry is read only after
// the consumer's promise for the previous one resolved, and what the consumer left unread is drained.
import type { Readable } from 'node:stream';
import { extract, type Headers } from 'tar-stream';
import { drainStream } from '../core/drain-stream';
import type { LayerEntry } from './layer-entry';

export type LayerEntryConsumer = (entry: LayerEntry) => Promise<void> | void;

/** Reads the tar `tar` of layer `layer` to its end, handing each entry to `onEntry`. */
export function readLayerEntries(layer: number, tar: Readable, onEntry: LayerEntryConsumer): Promise<void> {
  return new Promise((resolve, reject) => {
    const parser = extract();
    const fail = (error: Error) => {
      parser.destroy();
      reject(error);
    };
    parser.on('entry', (header, content, next) => {
      const path = entryPath(header.name);
      const delivered = path ? Promise.resolve(onEntry(toLayerEntry(layer, path, header, content))) : Promise.resolve();
      delivered
        .then(() => {
          return drainStream(content);
        })
        .then(() => next(), fail);
    });
    parser.on('finish', () => resolve());
    parser.on('error', fail);
    tar.on('error', fail);
    tar.pipe(parser);
  });
}

/** "usr/bin" for "./usr/bin/" or "/usr/bin"; "" for the root itself. */
function entryPath(name: string): string {
  return name.replace(/^\.?\/+/, '').replace(/\/+$/, '');
}

function entryType(type: Headers['type']): LayerEntry['type'] {
  switch (type) {
    case 'file':
    case 'contiguous-file':
      return 'file';
    case 'directory':
      return 'directory';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    default:
      return 'other';
  }
}

function toLayerEntry(layer: number, path: string, header: Headers, content: Readable): LayerEntry {
  const type = entryType(header.type);
  const entry: LayerEntry = {
    layer,
    path,
    type,
    size: type === 'file' ? (header.size ?? 0) : 0,
    mode: (header.mode ?? 0) & 0o7777,
    content,
  };
  if (header.linkname) entry.linkname = header.linkname;
  return entry;
}
