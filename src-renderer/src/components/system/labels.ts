// Labels as typed in forms: "key=value" lines for a new object's labels, and label filters for prunes.

export type Parsed<T> = { value: T; error?: undefined } | { value?: undefined; error: string };

const KEY_RE = /^[^\s=]+$/;

/**
 * Parses one label per line, "key=value" (the value may be empty or contain "="); blank lines are
 * skipped. Errors name the 1-based line.
 */
export function parseLabelLines(text: string): Parsed<Record<string, string>> {
  const labels: Record<string, string> = {};
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const equals = line.indexOf('=');
    const key = equals === -1 ? line : line.slice(0, equals).trim();
    if (equals === -1) return { error: `line ${index + 1}: write it as key=value` };
    if (!KEY_RE.test(key)) return { error: `line ${index + 1}: the key must not be empty or contain spaces` };
    if (Object.hasOwn(labels, key)) return { error: `line ${index + 1}: "${key}" is set twice` };
    labels[key] = line.slice(equals + 1).trim();
  }
  return { value: labels };
}

/**
 * Parses label filters separated by spaces or commas: "key" (any value) or "key=value", as
 * `docker system prune --filter label=…` takes them.
 */
export function parseLabelFilters(text: string): Parsed<string[]> {
  const filters = text.split(/[\s,]+/).filter(Boolean);
  for (const filter of filters) {
    const key = filter.split('=')[0] ?? '';
    if (!key) return { error: `"${filter}" needs a key before "="` };
  }
  return { value: filters };
}
