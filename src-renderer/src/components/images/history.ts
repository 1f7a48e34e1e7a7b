// Image history rows: the Dockerfile instruction behind each layer, without the shell wrapping the engine records.
import type { ImageLayer } from '../../../../src-main/contract/dto/images';

const NOP = /^\/bin\/sh -c #\(nop\)\s*/;
/** `|2 A=1 B=2 ` build-argument prefix the classic builder puts before RUN commands. */
const BUILD_ARGS = /^\|\d+ (?:\S+=\S*\s+)*/;
const SHELL = /^\/bin\/sh -c /;
const BUILDKIT = /\s*# buildkit$/;

/**
 * The instruction that made a layer, as written in a Dockerfile:
 * `/bin/sh -c #(nop)  CMD ["sh"]` → `CMD ["sh"]`, `/bin/sh -c echo hi` → `RUN echo hi`,
 * `RUN /bin/sh -c echo hi # buildkit` → `RUN echo hi`. Falls back to the layer's comment
 * (e.g. "Imported from -") when the engine recorded no instruction.
 */
export function instructionOf(layer: Pick<ImageLayer, 'createdBy' | 'comment'>): string {
  let text = layer.createdBy.trim().replace(BUILDKIT, '');
  if (text === '') return layer.comment.trim();
  if (NOP.test(text)) return text.replace(NOP, '').trim();
  const run = /^RUN\s+/.exec(text);
  if (run) text = text.slice(run[0].length);
  const command = text.replace(BUILD_ARGS, '');
  if (SHELL.test(command)) return `RUN ${command.replace(SHELL, '').trim()}`;
  return run ? `RUN ${command}` : text;
}

/** Whether a layer is one the image was built from elsewhere (its id is not known locally). */
export function isMissingLayer(layer: Pick<ImageLayer, 'id'>): boolean {
  return layer.id === '<missing>' || layer.id === '';
}
