// The end of a log file on disk: missing and empty files, line and byte limits, cuts at line and character boundaries, CRLF.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tailLog } from '../../src-main/host/log-tail';
import { makeOwnedTempDir } from '../support/temp-dirs';

const root = makeOwnedTempDir('berth-log-tail-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

let files = 0;
/** A new file in the temp folder holding `content`; returns its path. */
function logFile(content: string | Buffer): string {
  const path = join(root, `log-${++files}.log`);
  writeFileSync(path, content);
  return path;
}

describe('tailLog', () => {
  it.each<[string, () => string, boolean]>([
    ['a missing file as missing, not as an error', () => join(root, 'never-written.log'), true],
    ['an empty file as empty', () => logFile(''), false],
  ])('reports %s', async (_what, makePath, missing) => {
    const path = makePath();
    expect(await tailLog(path, { maxLines: 10 })).toEqual({ text: '', lines: 0, truncated: false, missing, path });
  });

  it('gives every line when there are fewer than asked, keeping ANSI escapes', async () => {
    const path = logFile('a\n\u001b[31mred\u001b[0m\nc\n');
    expect(await tailLog(path, { maxLines: 10 })).toMatchObject({
      text: 'a\n\u001b[31mred\u001b[0m\nc\n',
      lines: 3,
      truncated: false,
    });
    expect(await tailLog(logFile('a\nb'), { maxLines: 10 })).toMatchObject({ text: 'a\nb', lines: 2 });
    expect(await tailLog(logFile('\n'), { maxLines: 10 })).toMatchObject({ text: '\n', lines: 1 });
  });

  it('keeps the last maxLines lines', async () => {
    const path = logFile('a\nb\nc\n');
    expect(await tailLog(path, { maxLines: 2 })).toMatchObject({ text: 'b\nc\n', lines: 2, truncated: true });
    expect(await tailLog(path, { maxLines: 0 })).toMatchObject({ text: '', lines: 0, truncated: true });
    expect(await tailLog(path, { maxLines: Infinity })).toMatchObject({ text: 'a\nb\nc\n', truncated: false });
  });

  it('drops the line the byte budget cuts, and keeps one that starts exactly at the budget', async () => {
    const path = logFile('line1\nline2\nline3\n'); // 18 bytes, 6 per line
    expect(await tailLog(path, { maxLines: 10, maxBytes: 8 })).toMatchObject({
      text: 'line3\n',
      lines: 1,
      truncated: true,
    });
    expect(await tailLog(path, { maxLines: 10, maxBytes: 12 })).toMatchObject({
      text: 'line2\nline3\n',
      lines: 2,
      truncated: true,
    });
    expect(await tailLog(path, { maxLines: 10, maxBytes: 18 })).toMatchObject({ lines: 3, truncated: false });
  });

  it('reads a file far bigger than the budget and gives a suffix of it that starts a line', async () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `line ${i} ${'x'.repeat(i % 37)}`);
    const content = `${lines.join('\n')}\n`;
    const path = logFile(content);
    const tail = await tailLog(path, { maxLines: Infinity, maxBytes: 64 * 1024 });
    expect(Buffer.byteLength(tail.text)).toBeLessThanOrEqual(64 * 1024);
    expect(Buffer.byteLength(tail.text)).toBeGreaterThan(64 * 1024 - 60);
    expect(content.endsWith(tail.text)).toBe(true);
    expect(content[content.length - tail.text.length - 1]).toBe('\n');
    expect(tail).toMatchObject({ truncated: true, lines: tail.text.split('\n').length - 1 });
  });

  it('never starts or ends in the middle of a multi-byte character', async () => {
    const euros = '€€€€'; // 3 bytes each, one long line
    const path = logFile(euros);
    expect(await tailLog(path, { maxLines: 10, maxBytes: 7 })).toMatchObject({ text: '€€', lines: 1, truncated: true });
    expect(await tailLog(logFile(`${euros}\n`), { maxLines: 10, maxBytes: 8 })).toMatchObject({
      text: '€€\n',
      lines: 1,
    });
    const writing = Buffer.concat([Buffer.from('ok ✓\n'), Buffer.from('😀').subarray(0, 2)]);
    expect(await tailLog(logFile(writing), { maxLines: 10 })).toMatchObject({ text: 'ok ✓\n', lines: 1 });
    const mixed = logFile('première\nдругая 😀 ligne\n');
    for (let maxBytes = 1; maxBytes <= 40; maxBytes += 1) {
      const { text } = await tailLog(mixed, { maxLines: 10, maxBytes });
      expect(text).not.toContain('\uFFFD');
      expect('première\nдругая 😀 ligne\n'.endsWith(text)).toBe(true);
    }
  });

  it('turns CRLF line ends into LF, also when the budget cuts between CR and LF', async () => {
    const path = logFile('a\r\nb\r\nc\r\n');
    expect(await tailLog(path, { maxLines: 10 })).toMatchObject({ text: 'a\nb\nc\n', lines: 3 });
    expect(await tailLog(path, { maxLines: 10, maxBytes: 4 })).toMatchObject({ text: 'c\n', lines: 1 });
    expect(await tailLog(path, { maxLines: 10, maxBytes: 5 })).toMatchObject({ text: 'c\n', lines: 1 });
    expect(await tailLog(path, { maxLines: 2 })).toMatchObject({ text: 'b\nc\n', truncated: true });
  });

  it('rejects naming the path when the file cannot be read', async () => {
    const folder = join(root, 'a-folder');
    mkdirSync(folder);
    await expect(tailLog(folder, { maxLines: 10 })).rejects.toThrow(folder);
  });

  it('refuses limits that are not whole numbers', async () => {
    const path = logFile('a\n');
    await expect(tailLog(path, { maxLines: -1 })).rejects.toThrow(RangeError);
    await expect(tailLog(path, { maxLines: 1.5 })).rejects.toThrow(RangeError);
    await expect(tailLog(path, { maxLines: 1, maxBytes: 0 })).rejects.toThrow(RangeError);
  });
});
