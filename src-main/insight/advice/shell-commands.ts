// The simple commands of a RUN step, split on the shell's list operators: what the package rules look at.
import type { Step } from './dockerfile-stages';

/** One simple command: its words, leading `VAR=value` assignments and `sudo` left out. */
export interface ShellCommand {
  /** The program's base name, e.g. "apt-get" for "/usr/bin/apt-get". */
  program: string;
  /** The words after the program. */
  args: string[];
}

const OPERATORS = /&&|\|\||[;|&\n()]/;

function unquote(word: string): string {
  return word.replace(/^(["'])(.*)\1$/, '$2');
}

function toCommand(text: string): ShellCommand | undefined {
  const words = text.split(/\s+/).filter(Boolean).map(unquote);
  while (words.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!) || words[0] === 'sudo' || words[0] === 'exec'))
    words.shift();
  // `python3 -m pip …` is pip.
  if (/^python[\d.]*$/.test(words[0] ?? '') && words[1] === '-m') words.splice(0, 2);
  const [program, ...args] = words;
  return program ? { program: program.slice(program.lastIndexOf('/') + 1), args } : undefined;
}

/** The commands a RUN step runs (its here-documents' too); none for any other step. */
export function commandsOf(step: Step): ShellCommand[] {
  if (step.keyword !== 'RUN') return [];
  const script = step.words[0]?.startsWith('<<') ? step.heredocs.join('\n') : step.words.join(' ');
  return script
    .split(OPERATORS)
    .map(toCommand)
    .filter((command): command is ShellCommand => command !== undefined);
}

/** The words of `command` that are not options ("-y", "--no-cache"). */
export function operands(command: ShellCommand): string[] {
  return command.args.filter((arg) => !arg.startsWith('-'));
}

/** Whether `command` runs `program` with `subcommand` as its first operand (e.g. apt-get install). */
export function runs(command: ShellCommand, programs: readonly string[], subcommands: readonly string[]): boolean {
  return programs.includes(command.program) && subcommands.includes(operands(command)[0] ?? '');
}

/** The `target=` folders of the step's `--mount=type=cache` flags. */
export function cacheMountTargets(step: Step): string[] {
  return step.flags
    .filter((flag) => flag.name === 'mount' && /(^|,)type=cache(,|$)/.test(flag.value ?? ''))
    .map((flag) => /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(flag.value ?? '')?.[1] ?? '')
    .filter(Boolean);
}
