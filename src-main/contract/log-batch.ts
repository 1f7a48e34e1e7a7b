// Converting between log lines as objects (easy to read) and LogBatch columns (cheap to send).
import type { LogBatch, LogLine } from './dto/streams';

export function toLogBatch(lines: readonly LogLine[]): LogBatch {
  const batch: LogBatch = { lines: new Array<string>(lines.length), stderr: [] };
  lines.forEach((line, i) => {
    batch.lines[i] = line.text;
    if (line.stream === 'stderr') batch.stderr.push(i);
    if (line.timestamp !== undefined)
      (batch.timestamps ??= new Array<string>(lines.length).fill(''))[i] = line.timestamp;
    if (line.end === 'crlf') (batch.crlf ??= []).push(i);
    if (line.end === 'none') (batch.open ??= []).push(i);
    if (line.partials) (batch.partials ??= []).push({ line: i, at: line.partials });
    if (line.source !== undefined) (batch.sources ??= new Array<number>(lines.length).fill(0))[i] = line.source;
  });
  return batch;
}

export function fromLogBatch(batch: LogBatch): LogLine[] {
  const stderr = new Set(batch.stderr);
  const crlf = new Set(batch.crlf);
  const open = new Set(batch.open);
  const partials = new Map(batch.partials?.map((p) => [p.line, p.at]));
  return batch.lines.map((text, i) => {
    const line: LogLine = { stream: stderr.has(i) ? 'stderr' : 'stdout', text };
    const stamp = batch.timestamps?.[i];
    if (stamp) line.timestamp = stamp;
    if (crlf.has(i)) line.end = 'crlf';
    if (open.has(i)) line.end = 'none';
    const at = partials.get(i);
    if (at) line.partials = at;
    const source = batch.sources?.[i];
    if (source !== undefined) line.source = source;
    return line;
  });
}
