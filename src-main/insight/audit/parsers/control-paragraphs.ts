// Debian-control-style text (dpkg status, apk's installed database, Python METADATA headers): paragraphs of
// "Key: value" fields separated by blank lines, continuation lines indented.

/** Each paragraph's fields, keys as written; `separator` is ":" (dpkg, METADATA) and the first one counts. */
export function* controlParagraphs(text: string, separator = ':'): Generator<Map<string, string>> {
  let fields = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') {
      if (fields.size) yield fields;
      fields = new Map();
      last = undefined;
      continue;
    }
    if (/^[ \t]/.test(line)) {
      if (last) fields.set(last, `${fields.get(last) ?? ''}\n${line.trim()}`);
      continue;
    }
    const at = line.indexOf(separator);
    if (at <= 0) continue;
    last = line.slice(0, at);
    if (!fields.has(last)) fields.set(last, line.slice(at + separator.length).trim());
  }
  if (fields.size) yield fields;
}
