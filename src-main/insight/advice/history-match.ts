// Ties the final stage's instructions to the image's history entries (BuildKit's and the classic builder's forms).
import type { ImageLayer } from '../../contract/dto/images';
import type { AdviceLayer } from '../../contract/dto/advice';
import type { Step } from './dockerfile-stages';

/** Instructions that make a filesystem layer. */
export const LAYER_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
/** How many history entries a step may skip over to find its own (e.g. one the builder added). */
const SEARCH_WINDOW = 3;

interface HistoryInstruction {
  keyword: string;
  /** For RUN the shell command; otherwise the rest. */
  body: string;
}

const BUILD_ARGS = /^\|\d+(?: \S+=\S*)* /;

/**
 * The instruction a createdBy records. BuildKit: `RUN /bin/sh -c cmd # buildkit`, `COPY . . # buildkit`, `ENV A=b`;
 * the classic builder: `/bin/sh -c cmd` (RUN), `|1 A=b /bin/sh -c cmd` (RUN with build args),
 * `/bin/sh -c #(nop) COPY dir:… in /`.
 */
export function historyInstruction(createdBy: string): HistoryInstruction | undefined {
  const text = createdBy.trim().replace(/\s*# buildkit$/, '');
  const nop = /^\/bin\/sh -c #\(nop\)\s*([A-Za-z]+)\s*([\s\S]*)$/.exec(text);
  if (nop) return { keyword: nop[1]!.toUpperCase(), body: nop[2]! };
  const classicRun = text.replace(BUILD_ARGS, '');
  if (classicRun.startsWith('/bin/sh -c ')) return { keyword: 'RUN', body: classicRun.slice('/bin/sh -c '.length) };
  const buildkit = /^([A-Z]+)\s*([\s\S]*)$/.exec(text);
  if (!buildkit) return undefined;
  const [, keyword, rest] = buildkit as unknown as [string, string, string];
  if (keyword !== 'RUN') return { keyword, body: rest };
  return { keyword, body: rest.replace(BUILD_ARGS, '').replace(/^\/bin\/sh -c /, '') };
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

function matches(step: Step, entry: HistoryInstruction | undefined): boolean {
  if (!entry || entry.keyword !== step.keyword) return false;
  const exec = step.words[0]?.startsWith('[') || step.words[0]?.startsWith('<<');
  if (step.keyword !== 'RUN' || exec) return true;
  return collapse(entry.body) === collapse(step.words.join(' '));
}

/**
 * The history entry (as an AdviceLayer) of each RUN, COPY and ADD of the final stage's `steps` that can be found,
 * every step matched from the newest entry backwards. `history` is as the Engine API gives it, newest first.
 */
export function matchHistory(steps: readonly Step[], history: readonly ImageLayer[]): Map<Step, AdviceLayer> {
  const oldestFirst = [...history].reverse();
  const parsed = oldestFirst.map((entry) => historyInstruction(entry.createdBy));
  const matched = new Map<Step, AdviceLayer>();
  let next = oldestFirst.length - 1;
  for (const step of [...steps].reverse()) {
    for (let index = next; index >= 0 && index > next - SEARCH_WINDOW; index -= 1) {
      if (!matches(step, parsed[index])) continue;
      const entry = oldestFirst[index]!;
      if (LAYER_KEYWORDS.has(step.keyword))
        matched.set(step, { history: index, createdBy: entry.createdBy, size: entry.size });
      next = index - 1;
      break;
    }
  }
  return matched;
}
