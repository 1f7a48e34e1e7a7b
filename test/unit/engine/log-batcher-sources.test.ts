// A merged session's source column: one index per line through LogBatcher's batches and replay, and
// toLogBatch/fromLogBatch; left out entirely where lines have no source; new source names with the next batch and
// in replay.
import { describe, expect, it } from 'vitest';
import type { LogBatch } from '../../../src-main/contract/dto/streams';
import { fromLogBatch, toLogBatch } from '../../../src-main/contract/log-batch';
import { LogBatcher } from '../../../src-main/engine/log-batcher';

describe('the sources column', () => {
  it('carries a source index per line through batches and replay', () => {
    const sent: LogBatch[] = [];
    const batcher = new LogBatcher((b) => sent.push(b), { replayLines: 100, maxLines: 2 });
    batcher.add('a', false, 'T1', 'lf', undefined, 1);
    batcher.add('b', true, 'T2', 'lf', undefined, 0);
    batcher.add('c', false, 'T3', 'lf', undefined, 1);
    batcher.flush();
    expect(sent.map((b) => b.sources)).toEqual([[1, 0], [1]]);
    expect(batcher.replay()).toMatchObject({ lines: ['a', 'b', 'c'], sources: [1, 0, 1], stderr: [1] });
    batcher.dispose();
  });

  it('sends changed source names with the next batch, even one without lines, and in every replay', () => {
    const sent: LogBatch[] = [];
    const batcher = new LogBatcher((b) => sent.push(b), { replayLines: 100 });
    batcher.add('a', false, 'T1', 'lf', undefined, 0);
    batcher.flush();
    expect(sent[0]!.sourceNames).toBeUndefined();
    expect(batcher.replay().sourceNames).toBeUndefined();
    batcher.setSourceNames(['web-1', 'web-2']);
    batcher.flush();
    expect(sent[1]).toEqual({ lines: [], stderr: [], sourceNames: ['web-1', 'web-2'] });
    batcher.add('b', false, 'T2', 'lf', undefined, 1);
    batcher.flush();
    expect(sent[2]!.sourceNames).toBeUndefined();
    expect(batcher.replay()).toMatchObject({ lines: ['a', 'b'], sources: [0, 1], sourceNames: ['web-1', 'web-2'] });
    batcher.dispose();
  });

  it('is absent for a container’s own lines', () => {
    const sent: LogBatch[] = [];
    const batcher = new LogBatcher((b) => sent.push(b), { replayLines: 100 });
    batcher.add('a', false);
    batcher.flush();
    expect(sent[0]).toEqual({ lines: ['a'], stderr: [] });
    expect(batcher.replay().sources).toBeUndefined();
    batcher.dispose();
  });

  it('round-trips through toLogBatch and fromLogBatch', () => {
    const lines = [
      { stream: 'stdout' as const, text: 'x', source: 2 },
      { stream: 'stderr' as const, text: 'y', source: 0 },
    ];
    const batch = toLogBatch(lines);
    expect(batch.sources).toEqual([2, 0]);
    expect(fromLogBatch(batch)).toEqual(lines);
    expect(toLogBatch([{ stream: 'stdout', text: 'z' }]).sources).toBeUndefined();
  });
});
