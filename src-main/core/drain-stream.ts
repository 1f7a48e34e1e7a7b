// Reads what is left of a stream and waits for its end; also for streams that already ended (Node's `finished`
// waits forever on an ended readable-stream v3 stream, which tar-stream's entries are).

/** What drainStream needs of a Node readable stream (core has no Node types). */
export interface DrainableStream {
  readableEnded?: boolean;
  once(event: 'end' | 'error', listener: (error?: unknown) => void): unknown;
  resume(): unknown;
}

/** Resolves once `stream` has ended (at once if it has), rejecting on its error. */
export function drainStream(stream: DrainableStream): Promise<void> {
  const state = (stream as { _readableState?: { endEmitted?: boolean } })._readableState;
  if (stream.readableEnded || state?.endEmitted) return Promise.resolve();
  return new Promise((resolve, reject) => {
    stream.once('end', () => resolve());
    stream.once('error', reject);
    stream.resume();
  });
}
