// LogBatcher: lines gathered into columns (stderr, timestamps, line ends, partial messages), replayed as one batch, caught up.
import { describe, expect, it } from 'vitest';
import type { LogBatch } from '../../../src-main/contract/dto/streams';
import { LogBatcher } from '../../../src-main/engine/log-batcher';

describe('LogBatcher', () => {
  it('hands over columns per batch and replays them as one, indices shifted', () => {
    const sent: LogBatch[] = [];
    const batcher = new LogBatcher((b) => sent.push(b), { replayLines: 100, maxLines: 2 });
    batcher.add('a', false, 'T1', 'crlf');
    batcher.add('b', true, 'T2', 'lf', [3]);
    batcher.add('c', true, 'T3', 'none');
    batcher.flush();
    expect(sent).toEqual([
      { lines: ['a', 'b'], stderr: [1], timestamps: ['T1', 'T2'], crlf: [0], partials: [{ line: 1, at: [3] }] },
      { lines: ['c'], stderr: [0], timestamps: ['T3'], open: [0] },
    ]);
    expect(batcher.replay()).toEqual({
      lines: ['a', 'b', 'c'],
      stderr: [1, 2],
      timestamps: ['T1', 'T2', 'T3'],
      crlf: [0],
      open: [2],
      partials: [{ line: 1, at: [3] }],
    });
    batcher.dispose();
  });

  it('marks the batch that catches up once, even an empty one', () => {
    const sent: LogBatch[] = [];
    const batcher = new LogBatcher((b) => sent.push(b), { replayLines: 100 });
    batcher.markCaughtUp();
    batcher.markCaughtUp();
    batcher.add('later', false);
    batcher.flush();
    expect(sent).toEqual([
      { lines: [], stderr: [], caughtUp: true },
      { lines: ['later'], stderr: [] },
    ]);
    expect(batcher.replay()).toEqual({ lines: ['later'], stderr: [], caughtUp: true });
  });
});
