// Environment variables from `-e KEY=value` flags and `--env-file` files, with docker's semantics.

import { ParseError } from './parse-error';

/** Looks a variable up in the caller's environment; undefined when it is not set. */
export type EnvLookup = (name: string) => string | undefined;

const UTF8_BOM = '\uFEFF';

/**
 * Parses one `-e` value. "KEY=value" keeps the value verbatim (it may contain "=" or be empty);
 * "KEY" alone takes its value from `lookup` and gives undefined when lookup has none.
 * @throws ParseError when the name is empty or contains whitespace; the message quotes the name, never the value
 *   (which may be a secret).
 */
export function parseEnvLine(line: string, lookup?: EnvLookup): [string, string] | undefined {
  const equals = line.indexOf('=');
  const name = equals === -1 ? line : line.slice(0, equals);
  if (name === '') throw new ParseError('invalid environment variable "": name must not be empty');
  if (/\s/.test(name)) {
    throw new ParseError(`invalid environment variable "${name}": name "${name}" must not contain whitespace`);
  }
  if (equals !== -1) return [name, line.slice(equals + 1)];
  const value = lookup?.(name);
  return value === undefined ? undefined : [name, value];
}

/**
 * Parses an env file: one `-e` value per line; blank lines and lines starting with "#" are skipped,
 * leading whitespace is trimmed, quotes are kept as written (docker does not strip them).
 * Accepts LF and CRLF line ends and a leading UTF-8 byte order mark.
 * @throws ParseError naming the 1-based line number.
 */
export function parseEnvFile(text: string, lookup?: EnvLookup): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  const body = text.startsWith(UTF8_BOM) ? text.slice(UTF8_BOM.length) : text;
  body.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '').trimStart();
    if (line === '' || line.startsWith('#')) return;
    try {
      const entry = parseEnvLine(line, lookup);
      if (entry !== undefined) entries.push(entry);
    } catch (error) {
      if (error instanceof ParseError) throw new ParseError(`line ${index + 1}: ${error.message}`);
      throw error;
    }
  });
  return entries;
}

/** Formats entries the way the Engine API wants them: ["KEY=value", …]. */
export function formatEnv(entries: Array<[string, string]>): string[] {
  return entries.map(([name, value]) => `${name}=${value}`);
}
