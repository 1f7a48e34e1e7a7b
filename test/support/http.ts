// Minimal HTTP GET over TCP or a unix socket, for readiness checks and test assertions.
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpTarget {
  /** Unix socket to talk to instead of TCP. */
  socketPath?: string;
  host?: string;
  port?: number;
  path: string;
  /** Abort after this many milliseconds (default 5 000). */
  timeoutMs?: number;
  /** Speak HTTPS, trusting only this CA certificate (PEM). */
  ca?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** GETs `target` and returns status, headers and the body as text. Rejects on network errors and timeouts. */
export function httpGet(target: HttpTarget): Promise<HttpResponse> {
  const { socketPath, host = '127.0.0.1', port, path, timeoutMs = 5_000, ca } = target;
  return new Promise((resolve, reject) => {
    const req = (ca ? httpsRequest : request)(
      socketPath
        ? { socketPath, path, method: 'GET', agent: false }
        : { host, port, path, method: 'GET', agent: false, ...(ca ? { ca } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`GET ${path} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}
