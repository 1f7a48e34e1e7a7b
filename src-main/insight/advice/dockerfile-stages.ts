// A Dockerfile parsed by dockerfile-ast and split into build stages of steps: what every advice rule reads.
import {
  DockerfileParser,
  From,
  Keyword,
  ModifiableInstruction,
  PropertyInstruction,
  Run,
  type Instruction,
} from 'dockerfile-ast';
import { ParseError } from '../../core/parse-error';

/** One instruction of a stage. */
export interface Step {
  /** Upper case: RUN, COPY, … */
  keyword: string;
  /** The words after the keyword and its flags, comments and line continuations left out. */
  words: string[];
  /** `--name=value` flags (`--mount`, `--from`, `--chown`, …); a flag without a value has `null`. */
  flags: Array<{ name: string; value: string | null }>;
  /** ARG and ENV: the variables set. */
  properties: Array<{ name: string; value: string | null }>;
  /** RUN <<EOF: the here-documents' text. */
  heredocs: string[];
  /** 1-based first and last line. */
  start: number;
  end: number;
}

export interface Stage {
  index: number;
  /** `FROM … AS name`, lower case. */
  name?: string;
  /** The FROM line's image as written (ARG references unresolved). */
  image: string;
  from: Step;
  /** The instructions after the FROM. */
  steps: Step[];
}

export interface ParsedDockerfile {
  /** The text's lines, for quoting. */
  lines: string[];
  /** ARGs before the first FROM, with their defaults (null for none). */
  globalArgs: Map<string, string | null>;
  stages: Stage[];
}

const KEYWORDS = new Set<string>(Object.values(Keyword));

function heredocsOf(instruction: Instruction, lines: readonly string[]): string[] {
  if (!(instruction instanceof Run)) return [];
  return instruction.getHeredocs().map((heredoc) => {
    const content = heredoc.getContentRange();
    return content ? lines.slice(content.start.line, content.end.line + 1).join('\n') : '';
  });
}

function toStep(instruction: Instruction, lines: readonly string[]): Step {
  const range = instruction.getRange();
  const flags = instruction instanceof ModifiableInstruction ? instruction.getFlags() : [];
  const properties = instruction instanceof PropertyInstruction ? instruction.getProperties() : [];
  return {
    keyword: instruction.getKeyword(),
    words: instruction.getArguments().map((argument) => argument.getValue()),
    flags: flags.map((flag) => ({ name: flag.getName(), value: flag.getValue() })),
    properties: properties.map((property) => ({ name: property.getName(), value: property.getValue() })),
    heredocs: heredocsOf(instruction, lines),
    start: range.start.line + 1,
    end: range.end.line + 1,
  };
}

/**
 * Parses `text` into its stages.
 * @throws ParseError naming the line when the text is not a Dockerfile: a NUL byte (a binary file), a line that is
 *   no instruction, an instruction before the first FROM other than ARG, or no FROM at all.
 */
export function parseDockerfile(text: string): ParsedDockerfile {
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const line = text.slice(0, nul).split('\n').length;
    throw new ParseError(`is not a Dockerfile: line ${line} holds a NUL byte (a binary file?)`);
  }
  const dockerfile = DockerfileParser.parse(text);
  const lines = text.split(/\r?\n/);
  const globalArgs = new Map<string, string | null>();
  const stages: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    const step = toStep(instruction, lines);
    if (!KEYWORDS.has(step.keyword)) {
      throw new ParseError(
        `is not a Dockerfile: line ${step.start} starts with "${instruction.getInstruction()}", no instruction`,
      );
    }
    const stage = stages.at(-1);
    if (instruction instanceof From) {
      const name = instruction.getBuildStage()?.toLowerCase();
      const image = instruction.getImage() ?? '';
      stages.push({ index: stages.length, ...(name ? { name } : {}), image, from: step, steps: [] });
    } else if (stage) {
      stage.steps.push(step);
    } else if (step.keyword === 'ARG') {
      for (const { name, value } of step.properties) globalArgs.set(name, value);
    } else {
      throw new ParseError(`is not a Dockerfile: line ${step.start} has ${step.keyword} before the first FROM`);
    }
  }
  if (stages.length === 0) throw new ParseError('is not a Dockerfile: it has no FROM instruction');
  return { lines, globalArgs, stages };
}

/** The last stage: what the image is built from when no target is given. */
export function finalStage(parsed: ParsedDockerfile): Stage {
  return parsed.stages.at(-1)!;
}
