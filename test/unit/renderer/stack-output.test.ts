// Progress rows from the compose CLI's lines: latest status per object, in order of first appearance; raw lines bounded.
import { describe, expect, it } from 'vitest';
import type { StackOutputLine } from '../../../src-main/contract/dto/stacks';
import {
  appendRaw,
  MAX_RAW_LINES,
  mergeProgress,
  statusTone,
} from '../../../src-renderer/src/components/stacks/stack-output';

const line = (
  object: string | undefined,
  status: string | undefined,
  text = `${object} ${status}`,
): StackOutputLine => ({
  stream: 'stderr',
  text,
  object,
  status,
});

describe('mergeProgress', () => {
  it('keeps one row per object with its latest status, in the order objects first appeared', () => {
    const rows = mergeProgress(
      [],
      [
        line('Network app_default', 'Creating'),
        line('Container app-db-1', 'Creating'),
        line('Network app_default', 'Created'),
        line('Container app-web-1', 'Creating'),
        line('Container app-db-1', 'Started'),
      ],
    );
    expect(rows.map((r) => [r.object, r.status])).toEqual([
      ['Network app_default', 'Created'],
      ['Container app-db-1', 'Started'],
      ['Container app-web-1', 'Creating'],
    ]);
  });

  it('carries rows over batches and ignores lines about no object', () => {
    const first = mergeProgress([], [line('Container a-1', 'Creating')]);
    const next = mergeProgress(first, [line(undefined, undefined, 'some text'), line('Container a-1', 'Started')]);
    expect(next).toEqual([{ object: 'Container a-1', status: 'Started', tone: 'done' }]);
    expect(first[0]!.status).toBe('Creating');
  });

  it('keeps the last status when a line names the object without one', () => {
    const rows = mergeProgress([], [line('Container a-1', 'Pulled'), line('Container a-1', undefined)]);
    expect(rows[0]!.status).toBe('Pulled');
  });
});

describe('statusTone', () => {
  it('tells working, done and failed apart', () => {
    expect(statusTone('Creating')).toBe('working');
    expect(statusTone('Waiting')).toBe('working');
    expect(statusTone('Started')).toBe('done');
    expect(statusTone('Running')).toBe('done');
    expect(statusTone('Healthy')).toBe('done');
    expect(statusTone('Error')).toBe('failed');
    expect(statusTone('Unhealthy')).toBe('failed');
  });

  it("reads a pulled layer's steps", () => {
    expect(statusTone('Pulling fs layer')).toBe('working');
    expect(statusTone('Verifying Checksum')).toBe('working');
    expect(statusTone('Download complete')).toBe('done');
    expect(statusTone('Pull complete')).toBe('done');
    expect(statusTone('Already exists')).toBe('done');
  });
});

describe('appendRaw', () => {
  it('keeps only the newest lines', () => {
    const many = Array.from({ length: MAX_RAW_LINES }, (_, i) => line('x', 'y', `old ${i}`));
    const all = appendRaw(many, [line('x', 'y', 'new')]);
    expect(all).toHaveLength(MAX_RAW_LINES);
    expect(all.at(-1)!.text).toBe('new');
    expect(all[0]!.text).toBe('old 1');
  });
});
