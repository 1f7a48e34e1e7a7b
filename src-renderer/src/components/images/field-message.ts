// Turns a core parser's error into the short message shown under the field that holds the input.

/**
 * The reason part of a parser message: `invalid port spec "70000:80": host port "70000" must be…`
 * becomes `host port "70000" must be…`, since the field already shows what was typed.
 */
export function fieldMessage(error: unknown, input: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const quoted = `"${input}": `;
  const at = message.indexOf(quoted);
  return at === -1 ? message : message.slice(at + quoted.length);
}
