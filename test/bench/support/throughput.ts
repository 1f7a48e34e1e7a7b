// Throughput measurement for forwarded TCP ports: one download of a known size, and the table comparing paths.
import { connect } from 'node:net';
import { median } from './table';

const MiB = 1024 * 1024;

/** Connects to host:port, reads until the server closes, and returns MiB/s; fails unless exactly `mib` MiB came. */
export function transfer(host: string, port: number, mib: number): Promise<number> {
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    let bytes = 0;
    const socket = connect({ host, port });
    socket.on('data', (chunk: Buffer) => (bytes += chunk.length));
    socket.once('error', fail);
    socket.once('end', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (bytes !== mib * MiB) fail(new Error(`${host}:${port} sent ${bytes} bytes, expected ${mib} MiB`));
      else done(mib / seconds);
    });
  });
}

/** A markdown-style table. */
export function printRows(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n${title}\n${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${rows.map(line).join('\n')}\n`);
}

/** MiB/s per path (median and every round) against `baseline`, and whether `berth` reaches 1.0× of it. */
export function printThroughput(title: string, rates: Map<string, number[]>, baseline: string, berth: string): void {
  const base = median(rates.get(baseline)!);
  printRows(
    title,
    ['path', 'MiB/s', 'rounds', `vs ${baseline}`],
    [...rates].map(([name, values]) => [
      name,
      median(values).toFixed(1),
      values.map((v) => v.toFixed(1)).join(' '),
      `${(median(values) / base).toFixed(2)}×`,
    ]),
  );
  const ratio = median(rates.get(berth)!) / base;
  console.log(`Target: Berth ≥ 1.0× ${baseline}: ${ratio.toFixed(2)}× — ${ratio >= 1 ? 'met' : 'MISSED'}\n`);
}
