// Engine call latency for the benchmarks: time to the first byte of GET /_ping on a socket, and how rows show it.
import { request, type Agent } from 'node:http';
import { median } from './table';

/** Milliseconds from sending GET /_ping on `socketPath` to its first response byte (the body is read to the end). */
export function timeToFirstByte(socketPath: string, agent: Agent | false): Promise<number> {
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    const req = request({ socketPath, path: '/_ping', agent }, (res) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      res.resume();
      res.once('end', () => done(ms));
    });
    req.once('error', fail);
    req.end();
  });
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** "median (p90 …)" in ms. */
export function latencyCell(values: number[]): string {
  return `${median(values).toFixed(2)} (p90 ${percentile(values, 0.9).toFixed(2)})`;
}
