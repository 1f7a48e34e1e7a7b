// Hides a build's secret values in what its builder prints: a RUN that echoes its secret mount shows "[hidden]".
import { readFile } from 'node:fs/promises';
import type { BuildRequest } from '../contract/methods/builds';

/** Shorter values are not hidden: hiding "a" would blank every "a" in the log. */
const MIN_HIDDEN_LENGTH = 4;
const HIDDEN = '[hidden]';

/**
 * A redactor for the secrets' values as this computer sees them (the file's text, the variable of Berth's own
 * environment); a CLI in the VM reads its own, which Berth cannot know, so there it hides nothing.
 */
export async function secretRedactor(
  secrets: BuildRequest['secrets'],
  readable: boolean,
): Promise<(text: string) => string> {
  if (!readable || !secrets.length) return (text) => text;
  const values = await Promise.all(
    secrets.map((secret) =>
      'file' in secret ? readFile(secret.file, 'utf8').catch(() => '') : (process.env[secret.env] ?? ''),
    ),
  );
  const hidden = [...new Set(values.flatMap((value) => [value, value.trim()]))]
    .filter((value) => value.length >= MIN_HIDDEN_LENGTH)
    .sort((a, b) => b.length - a.length);
  if (!hidden.length) return (text) => text;
  return (text) => hidden.reduce((out, value) => out.split(value).join(HIDDEN), text);
}
