// A Dockerfile instruction `docker commit --change` applies to the new image's config ("CMD ["sh"]", "ENV A=1"),
// checked before the engine sees it, so a form can say what is wrong with a line as it is typed.
import { ParseError } from './parse-error';
import { parseExposedPort } from './port-spec';

/** What `docker commit --change` takes. */
export const COMMIT_INSTRUCTIONS = [
  'CMD',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'LABEL',
  'ONBUILD',
  'USER',
  'VOLUME',
  'WORKDIR',
] as const;

const LINE = /^\s*([A-Za-z]+)\s+([\s\S]*\S)\s*$/;
/** ENV and LABEL: `KEY=VALUE …` or the old `KEY VALUE`. */
const KEY_VALUE = /^[^\s=]+(=|\s+\S)/;

function checkJsonArray(instruction: string, argument: string, line: string): void {
  let words: unknown;
  try {
    words = JSON.parse(argument);
  } catch {
    throw new ParseError(`invalid change "${line}": ${instruction} [ … ] must be a JSON list, e.g. ["sh", "-c", "…"]`);
  }
  if (!Array.isArray(words) || !words.every((w) => typeof w === 'string')) {
    throw new ParseError(`invalid change "${line}": ${instruction} [ … ] must be a JSON list of strings`);
  }
}

/**
 * Checks one change line and returns it trimmed, its instruction in capitals.
 * @throws ParseError naming the line and what is wrong.
 */
export function parseCommitChange(line: string): string {
  const match = LINE.exec(line);
  if (!match) throw new ParseError(`invalid change "${line}": must be an instruction and its value, e.g. CMD ["sh"]`);
  const instruction = (match[1] ?? '').toUpperCase();
  const argument = match[2] ?? '';
  if (!(COMMIT_INSTRUCTIONS as readonly string[]).includes(instruction)) {
    throw new ParseError(
      `invalid change "${line}": ${instruction} cannot be committed; use ${COMMIT_INSTRUCTIONS.join(', ')}`,
    );
  }
  if (['CMD', 'ENTRYPOINT', 'VOLUME'].includes(instruction) && argument.startsWith('[')) {
    checkJsonArray(instruction, argument, line);
  }
  if ((instruction === 'ENV' || instruction === 'LABEL') && !KEY_VALUE.test(argument)) {
    throw new ParseError(`invalid change "${line}": ${instruction} needs KEY=VALUE`);
  }
  if (instruction === 'EXPOSE') {
    for (const port of argument.split(/\s+/)) {
      try {
        parseExposedPort(port);
      } catch (error) {
        throw new ParseError(`invalid change "${line}": ${(error as Error).message}`);
      }
    }
  }
  return `${instruction} ${argument}`;
}
