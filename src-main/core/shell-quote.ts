// POSIX shell quoting for commands sent to another machine's shell (the VM's, over SSH). Pure.

/** `value` as one word for sh: single-quoted, with each `'` written as `'\''`. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A command line for sh from its words. */
export function shellCommand(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
