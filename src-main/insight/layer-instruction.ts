// The Dockerfile instruction behind each layer, from the image config's history (the layer analysis and the image
// audit): entries marked `empty_layer` (ENV, CMD, LABEL…) made no layer, the others match the layers in order.

/** One entry of an image config's history (OCI image spec). */
export interface ExportHistoryEntry {
  created_by?: string;
  comment?: string;
  /** True for instructions that made no layer (ENV, CMD, LABEL…). */
  empty_layer?: boolean;
}

/** "RUN apt-get update" from a history `created_by` of the classic builder or BuildKit. */
export function instructionOf(createdBy: string): string {
  const text = createdBy.trim().replace(/\s+# buildkit$/, '');
  const nop = /^\/bin\/sh -c #\(nop\)\s*(.*)$/s.exec(text);
  if (nop) return nop[1]!.trim();
  const shell = /^\/bin\/sh -c (.*)$/s.exec(text);
  if (shell) return `RUN ${shell[1]!.trim()}`;
  return text;
}

/** For each of `layerCount` layers, the history entry that made it (undefined past the history's end). */
export function historyOfLayers(
  history: ExportHistoryEntry[] | undefined,
  layerCount: number,
): Array<ExportHistoryEntry | undefined> {
  const withLayer = (history ?? []).filter((entry) => !entry.empty_layer);
  return Array.from({ length: layerCount }, (_, index) => withLayer[index]);
}
