// Reads an Engine API JSON progress stream (import, pull, push, build) to the end, failing on reported errors.
import type Dockerode from 'dockerode';

export interface ProgressMessage {
  status?: string;
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Resolves with every message once the stream ends; rejects on a stream error or an `error` message. */
export function followProgress(docker: Dockerode, stream: NodeJS.ReadableStream): Promise<ProgressMessage[]> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null, output: ProgressMessage[]) => {
      if (error) return reject(error);
      const failed = output.find((m) => m.error !== undefined || m.errorDetail !== undefined);
      if (failed) return reject(new Error(failed.errorDetail?.message ?? failed.error ?? JSON.stringify(failed)));
      resolve(output);
    });
  });
}
