// Schema issues as "field.path: message" lines, and the SettingsError that carries them.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  describeSettingsIssues,
  parseOrRefuse,
  SettingsError,
  settingsFieldPath,
} from '../../../src-main/settings/settings-error';

describe('settings issues', () => {
  it('names a field by its dotted path with list indexes', () => {
    expect(settingsFieldPath(['engines', 'remotes', 1, 'id'])).toBe('engines.remotes[1].id');
    expect(settingsFieldPath(['recentImages', 0])).toBe('recentImages[0]');
    expect(settingsFieldPath([])).toBe('settings');
  });

  it('gives each unknown key a line of its own', () => {
    const schema = z.strictObject({ general: z.strictObject({ theme: z.string() }) });
    const error = schema.safeParse({ general: { theme: 'dark', them: 1, thme: 2 }, x: 1 }).error as z.ZodError;
    expect(describeSettingsIssues(error)).toEqual([
      'general.them: unknown setting',
      'general.thme: unknown setting',
      'x: unknown setting',
    ]);
  });

  it('parseOrRefuse returns the parsed value or throws a SettingsError with every issue', () => {
    const schema = z.strictObject({ a: z.int({ error: 'must be whole' }), b: z.boolean({ error: 'must be a flag' }) });
    expect(parseOrRefuse(schema, { a: 1, b: true })).toEqual({ a: 1, b: true });
    expect(() => parseOrRefuse(schema, { a: 1.5, b: 'no' })).toThrow(
      new SettingsError('a: must be whole; b: must be a flag'),
    );
  });
});
