// Command lines typed into a form ↔ the argument arrays the engine takes (quoting like a POSIX shell, no expansion).
import { ParseError } from '../../../../src-main/core/parse-error';

/**
 * Splits a command line into words the way a POSIX shell quotes them, without expanding anything:
 * `sh -c 'echo "hi there"'` → ["sh", "-c", 'echo "hi there"']. Blank text gives [].
 * @throws ParseError on an unclosed quote or a trailing backslash.
 */
export function splitCommand(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) word += text[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= text.length) throw new ParseError('a backslash at the end has nothing to escape');
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new ParseError(`the ${quote === "'" ? 'single' : 'double'} quote is never closed`);
  if (inWord) words.push(word);
  return words;
}

/** Joins words into a line that {@link splitCommand} splits back into the same words. */
export function joinCommand(words: readonly string[]): string {
  return words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}
