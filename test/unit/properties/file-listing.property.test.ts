// Properties of folder listings: the real listing script run by sh on a folder of random names (with "|",
// newlines, spaces and non-ASCII) parses back to exactly those names, types and sizes; junk output never throws.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileListingCommand, parseFileListing } from '../../../src-main/core/file-listing';
import { RUNS } from './parse-outcome';

const name = fc
  .string({
    unit: fc.constantFrom('a', 'Z', '1', '|', '\n', ' ', '.', '-', '>', 'é', '\\', '/'),
    minLength: 1,
    maxLength: 12,
  })
  .map((n) => n.replaceAll('/', '_'))
  .filter((n) => n !== '.' && n !== '..');
const entry = fc.record({ name, kind: fc.constantFrom('file', 'dir', 'symlink'), size: fc.nat({ max: 300 }) });

describe('parseFileListing (properties)', () => {
  it('reads back every entry of a real folder, as the listing script prints it', () => {
    const samples = fc.sample(fc.uniqueArray(entry, { selector: (e) => e.name, maxLength: 12 }), {
      numRuns: 15,
      seed: 13,
    });
    for (const entries of samples) {
      const dir = mkdtempSync(join(tmpdir(), 'berth-listing-property-'));
      try {
        for (const e of entries) {
          const path = join(dir, e.name);
          if (e.kind === 'dir') mkdirSync(path);
          else if (e.kind === 'symlink') symlinkSync(`target|${e.name}`, path);
          else writeFileSync(path, 'x'.repeat(e.size));
        }
        const [command = 'sh', ...args] = fileListingCommand(dir);
        const listed = parseFileListing(execFileSync(command, args, { encoding: 'utf8' }));
        const expected = entries.map((e) => ({
          name: e.name,
          type: e.kind,
          ...(e.kind === 'file' ? { size: e.size } : {}),
          ...(e.kind === 'symlink' ? { linkTarget: `target|${e.name}` } : {}),
        }));
        expect(listed.map((l) => l.name).sort()).toEqual(expected.map((e) => e.name).sort());
        for (const want of expected) expect(listed.find((l) => l.name === want.name)).toMatchObject(want);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('answers any output with entries, never an exception', () => {
    const junk = fc.string({
      unit: fc.constantFrom('|', '/', '\n', '.', '-', '>', '1', 'a', 'directory', 'regular file'),
      maxLength: 80,
    });
    fc.assert(
      fc.property(junk, (output) => {
        for (const e of parseFileListing(output)) expect(e.name).not.toContain('/');
      }),
      RUNS,
    );
  });
});
