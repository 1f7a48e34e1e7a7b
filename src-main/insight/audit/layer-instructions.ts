// The instruction that made each layer of an image, from its config's history: the entries that are no empty layer,
// in order, with the classic builder's "/bin/sh -c #(nop) " wrapping taken off ("RUN " for a shell command).

export interface ImageHistoryEntry {
  created_by?: string;
  empty_layer?: boolean;
}

function instruction(createdBy: string): string {
  const text = createdBy.trim();
  const nop = /^\/bin\/sh -c #\(nop\)\s*/.exec(text);
  if (nop) return text.slice(nop[0].length).trim();
  const shell = /^\/bin\/sh -c\s+/.exec(text);
  return shell ? `RUN ${text.slice(shell[0].length)}` : text;
}

/** One entry per layer (base first): its instruction, "" where the history does not say. */
export function layerInstructions(history: ImageHistoryEntry[], layers: number): string[] {
  const made = history.filter((entry) => !entry.empty_layer).map((entry) => instruction(entry.created_by ?? ''));
  return Array.from({ length: layers }, (_, index) => made[index] ?? '');
}
