// Reads a container's stdout and stderr (Engine logs endpoint), demultiplexing non-TTY output, or its log as sent.
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

/**
 * What the Engine's logs endpoint sent, as `docker logs` prints it: every frame's bytes in order, stdout and
 * stderr together, with the engine's timestamps when asked for.
 */
export async function engineLog(container: Dockerode.Container, timestamps: boolean): Promise<Buffer> {
  const info = await container.inspect();
  const raw = (await container.logs({ stdout: true, stderr: true, follow: false, timestamps })) as unknown as Buffer;
  if (info.Config.Tty) return raw;
  const frames: Buffer[] = [];
  for (let offset = 0; offset + 8 <= raw.length; offset += 8 + raw.readUInt32BE(offset + 4)) {
    frames.push(raw.subarray(offset + 8, offset + 8 + raw.readUInt32BE(offset + 4)));
  }
  return Buffer.concat(frames);
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
