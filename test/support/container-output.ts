// Reads a container's stdout and stderr (Engine logs endpoint), demultiplexing non-TTY output.
import type Dockerode from 'dockerode';

export interface ContainerOutput {
  stdout: string;
  stderr: string;
}

/** Everything the container has written so far; with a TTY, all of it is reported as stdout. */
export async function containerOutput(container: Dockerode.Container): Promise<ContainerOutput> {
  const info = await container.inspect();
  const raw = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
  if (info.Config.Tty) return { stdout: raw.toString('utf8'), stderr: '' };
  return demuxFrames(raw);
}

/** Splits the Engine's multiplexed stream: 8-byte headers (stream id, 3 zero bytes, uint32 BE size) + payload. */
export function demuxFrames(raw: Buffer): ContainerOutput {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= raw.length) {
    const kind = raw[offset];
    const size = raw.readUInt32BE(offset + 4);
    const payload = raw.subarray(offset + 8, offset + 8 + size);
    (kind === 2 ? err : out).push(payload);
    offset += 8 + size;
  }
  return { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
