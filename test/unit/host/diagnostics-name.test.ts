// The diagnostics bundle's default file name: local time, no colons.
import { describe, expect, it } from 'vitest';
import { diagnosticsFileName } from '../../../src-main/host/diagnostics';

describe('diagnosticsFileName', () => {
  it('names the bundle after the local time, with dashes for colons', () => {
    expect(diagnosticsFileName(new Date(2026, 11, 2, 13, 45, 0))).toBe('berth-diagnostics-2026-12-02T13-45-00.zip');
    expect(diagnosticsFileName(new Date(2027, 0, 5, 4, 3, 9, 999))).toBe('berth-diagnostics-2027-01-05T04-03-09.zip');
  });

  it('uses only characters every file system accepts', () => {
    expect(diagnosticsFileName(new Date())).toMatch(/^[\w.-]+$/);
  });
});
