// system.paths: the host's home, Downloads (or home when there is none) and temp folders.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type * as os from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { hostPaths } from '../../../src-main/engine/host-paths';

const home = mkdtempSync(join(tmpdir(), 'berth-home-'));

vi.mock('node:os', async (original) => ({ ...(await original<typeof os>()), homedir: () => home }));

afterEach(() => rmSync(join(home, 'Downloads'), { recursive: true, force: true }));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('hostPaths', () => {
  it('falls back to home when there is no Downloads folder', () => {
    expect(hostPaths()).toEqual({ home, downloads: home, tmp: tmpdir() });
  });

  it('gives the Downloads folder when it exists', () => {
    mkdirSync(join(home, 'Downloads'));
    expect(hostPaths().downloads).toBe(join(home, 'Downloads'));
  });
});
