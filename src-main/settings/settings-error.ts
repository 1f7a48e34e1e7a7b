// The error settings refuse with, and schema issues as "field.path: what is wrong" lines a user can act on.
import type { z } from 'zod';

/** Settings that were refused (invalid values, a file this Berth must not change); `message` names the field. */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** "engines.remotes[1].id" for a path into the settings; "settings" for the whole. */
export function settingsFieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text ? `.${String(key)}` : String(key);
  }
  return text || 'settings';
}

/** One "field.path: message" line per issue; each key a strict object does not know gets its own "unknown setting" line. */
export function describeSettingsIssues(error: z.ZodError): string[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => `${settingsFieldPath([...issue.path, key])}: unknown setting`)
      : [`${settingsFieldPath(issue.path)}: ${issue.message}`],
  );
}

/** `raw` parsed by `schema`. @throws SettingsError with one "field.path: message" per issue, joined by "; ". */
export function parseOrRefuse<T>(schema: z.ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw);
  if (!result.success) throw new SettingsError(describeSettingsIssues(result.error).join('; '));
  return result.data;
}
