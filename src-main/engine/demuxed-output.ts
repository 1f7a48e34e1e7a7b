// Reads a multiplexed (non-TTY) attach or exec stream to its end, as stdout and stderr text.
import type { Readable } from 'node:stream';
import { StreamDemuxer } from '../core/stream-demux';

export interface ProcessOutput {
  stdout: string;
  stderr: string;
}

/** Everything the process wrote, decoded as UTF-8 once the stream ends. */
export async function readDemuxedOutput(stream: Readable): Promise<ProcessOutput> {
  const demuxer = new StreamDemuxer();
  const out: Uint8Array[] = [];
  const err: Uint8Array[] = [];
  for await (const chunk of stream) {
    for (const frame of demuxer.push(chunk as Uint8Array)) (frame.stream === 'stderr' ? err : out).push(frame.data);
  }
  return { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
