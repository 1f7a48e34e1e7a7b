// Which command the Terminal tab runs: a preset shell or a command line the user typed, split into argv.

/** The shells offered in the picker; "custom" means the user's own command line. */
export type ShellChoice = '/bin/sh' | '/bin/bash' | 'custom';

export const SHELL_PRESETS: ReadonlyArray<Exclude<ShellChoice, 'custom'>> = ['/bin/sh', '/bin/bash'];

export type SplitResult = { ok: true; argv: string[] } | { ok: false; error: string };

/**
 * Splits a command line into words the way a POSIX shell does for plain words: blanks separate,
 * '…' keeps everything literally, "…" keeps blanks and honours \" and \\, a backslash outside
 * quotes escapes the next character. No expansion of any kind.
 */
export function splitCommandLine(line: string): SplitResult {
  const argv: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= line.length) return { ok: false, error: 'ends with a lone backslash' };
      word += line[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) argv.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return { ok: false, error: `has an unclosed ${quote === '"' ? 'double' : 'single'} quote` };
  if (inWord) argv.push(word);
  if (argv.length === 0) return { ok: false, error: 'Enter a command, e.g. /bin/zsh or python3' };
  return { ok: true, argv };
}

/** The argv to run for a picker choice; a custom line that does not split is an error message. */
export function shellCommand(choice: ShellChoice, customLine: string): SplitResult {
  if (choice !== 'custom') return { ok: true, argv: [choice] };
  const split = splitCommandLine(customLine);
  return split.ok
    ? split
    : { ok: false, error: split.error.startsWith('Enter') ? split.error : `The command ${split.error}` };
}

/** Exit codes the engine and shells give a command that could not be started (missing or not executable). */
const NOT_STARTED = new Set([126, 127]);

/**
 * "Process exited with code 0", plus a hint when the code says the command could not be started at
 * all: "Process exited with code 126 — /bin/bash may be missing from the container or not executable".
 */
export function exitMessage(exitCode: number | null, command: string[], error?: string): string {
  if (exitCode === null) return error ? `The session ended: ${error}` : 'The session ended';
  const base = `Process exited with code ${exitCode}`;
  return NOT_STARTED.has(exitCode) && command[0]
    ? `${base} — ${command[0]} may be missing from the container or not executable`
    : base;
}
