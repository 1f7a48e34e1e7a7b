// Packs a host folder as a tar stream (tar-fs) typed for Dockerode's import/putArchive/build calls.
import { pack } from 'tar-fs';
import type { Headers, PackOptions } from 'tar-fs';

/** A tar of `dir` (optionally only `entries`), every entry owned by root:root whoever packs it. */
export function packDir(dir: string, options: Pick<PackOptions, 'entries' | 'map'> = {}): NodeJS.ReadableStream {
  const map = options.map ?? ((header: Headers) => header);
  const stream = pack(dir, {
    ...options,
    map: (header) => ({ ...map(header), uid: 0, gid: 0, uname: 'root', gname: 'root' }) as Headers,
  });
  // tar-fs returns a streamx Readable; it pipes like a Node stream, which is all Dockerode does with it.
  return stream as unknown as NodeJS.ReadableStream;
}
