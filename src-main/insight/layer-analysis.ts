// The layer analysis, as dive computes it: fed the image's entries layer by layer, it counts per layer the files
// added, changed and removed, and at the end the wasted bytes (copies a later layer overwrites or removes), dive's
// efficiency score and the paths that waste most. Its tree answers folder listings afterwards.
//
// Layers may come in any order (the export lists them by digest): one that comes before its turn has its entries'
// headers kept (not their content) until the layers below it are in.
//
// One difference from dive: dive charges a removed folder's bytes to the folder's own path, so a removed folder
// counts as both its smallest and its largest copy and costs nothing; here each file under it counts as removed.
import type { LayerAnalysis, LayerSummary, WastedFile } from '../contract/dto/layers';
import { OPAQUE_WHITEOUT, WHITEOUT_PREFIX, type LayerEntry } from './layer-entry';
import { historyOfLayers, instructionOf, type ExportHistoryEntry } from './layer-instruction';
import { LayerTree, type TreeNode } from './layer-tree';

/** What the reader knows of a layer before its entries. */
export interface LayerBlob {
  index: number;
  diffId?: string | undefined;
  size: number;
  compressed: boolean;
}

/** How many paths `topWasted` lists. */
export const TOP_WASTED = 20;

type LayerCounts = Omit<LayerSummary, 'instruction' | 'createdBy'>;
type EntryHeader = Omit<LayerEntry, 'content' | 'mode'>;

export class LayerAnalyzer {
  readonly tree = new LayerTree();
  private readonly layers: LayerCounts[] = [];
  private entries = 0;
  /** Layers below this one are in the tree. */
  private applied = 0;
  /** Entries of layers that came before their turn, and which of those have ended. */
  private readonly early = new Map<number, EntryHeader[]>();
  private readonly ended = new Set<number>();

  startLayer(blob: LayerBlob): void {
    const counts: LayerCounts = {
      index: blob.index,
      sizeBytes: 0,
      blobBytes: blob.size,
      compressed: blob.compressed,
      added: 0,
      changed: 0,
      removed: 0,
      removedBytes: 0,
      wastedBytes: 0,
    };
    if (blob.diffId) counts.diffId = blob.diffId;
    this.layers[blob.index] = counts;
    if (blob.index !== this.applied) this.early.set(blob.index, []);
  }

  /** Takes one entry (its content is left for the reader to drain). */
  add(entry: LayerEntry): void {
    const early = this.early.get(entry.layer);
    if (early) {
      const header: EntryHeader = { layer: entry.layer, path: entry.path, type: entry.type, size: entry.size };
      if (entry.linkname) header.linkname = entry.linkname;
      early.push(header);
    } else this.apply(entry);
  }

  /** Layer `index` has no more entries. */
  endLayer(index: number): void {
    this.ended.add(index);
    while (this.ended.has(this.applied)) {
      for (const entry of this.early.get(this.applied) ?? []) this.apply(entry);
      this.early.delete(this.applied);
      this.applied += 1;
    }
  }

  private apply(entry: EntryHeader): void {
    const counts = this.layers[entry.layer];
    if (!counts) throw new Error(`entry of layer ${entry.layer} before the layer started`);
    this.entries += 1;
    counts.sizeBytes += entry.size;
    const slash = entry.path.lastIndexOf('/');
    const folder = slash < 0 ? '' : entry.path.slice(0, slash);
    const name = entry.path.slice(slash + 1);
    if (name.startsWith(WHITEOUT_PREFIX)) {
      const target = name.slice(WHITEOUT_PREFIX.length);
      const removal =
        name === OPAQUE_WHITEOUT
          ? this.tree.hideLower(entry.layer, folder)
          : this.tree.remove(entry.layer, folder ? `${folder}/${target}` : target);
      counts.removed += removal.files;
      counts.removedBytes += removal.bytes;
      return;
    }
    const event = this.tree.write(entry.layer, entry.path, entry.type, entry.size, entry.linkname);
    if (event && event.kind !== 'directory') counts[event.change === 'added' ? 'added' : 'changed'] += 1;
  }

  /** The analysis of the layers read, their instructions from the image config's `history`. */
  finish(imageId: string, history: ExportHistoryEntry[] | undefined, durationMs: number): LayerAnalysis {
    if (this.applied < this.layers.length) throw new Error(`layer ${this.applied} of the image was not read`);
    const totals = { min: 0, all: 0, inefficient: 0, wasted: 0 };
    const wasted: WastedFile[] = [];
    this.visit(this.tree.root, (node) => {
      const copies = node.events.filter((event) => event.kind !== 'directory');
      if (copies.length === 0) return;
      let all = 0;
      let min = Infinity;
      let lost = 0;
      copies.forEach((copy, i) => {
        const size = copy.change === 'removed' ? 0 : copy.size;
        all += size;
        min = Math.min(min, size);
        if (i < copies.length - 1 && copy.change !== 'removed') {
          lost += size;
          const layer = this.layers[copy.layer];
          if (layer) layer.wastedBytes += size;
        }
      });
      totals.all += all;
      totals.min += min;
      if (copies.length < 2) return;
      totals.inefficient += all;
      totals.wasted += lost;
      const file = { path: node.path, wastedBytes: lost, totalBytes: all, layers: copies.map((c) => c.layer) };
      if (lost > 0) wasted.push({ ...file, removed: copies.at(-1)?.change === 'removed' });
    });
    const steps = historyOfLayers(history, this.layers.length);
    const layers = this.layers.map((counts, index) => {
      const createdBy = steps[index]?.created_by ?? '';
      return { ...counts, instruction: instructionOf(createdBy), createdBy };
    });
    const sizeBytes = layers.reduce((sum, layer) => sum + layer.sizeBytes, 0);
    const userSizeBytes = sizeBytes - (layers[0]?.sizeBytes ?? 0);
    return {
      imageId,
      layers,
      sizeBytes,
      userSizeBytes,
      efficiency: totals.all === 0 ? 1 : totals.min / totals.all,
      wastedBytes: totals.wasted,
      inefficientBytes: totals.inefficient,
      userWastedRatio: userSizeBytes === 0 ? 0 : totals.inefficient / userSizeBytes,
      topWasted: wasted.sort((a, b) => b.wastedBytes - a.wastedBytes).slice(0, TOP_WASTED),
      entries: this.entries,
      durationMs,
    };
  }

  /** Every node below `node`, depth first, without recursion (paths can be deep). */
  private visit(node: TreeNode, each: (node: TreeNode) => void): void {
    const stack = [...(node.children?.values() ?? [])];
    for (let next = stack.pop(); next; next = stack.pop()) {
      each(next);
      if (next.children) stack.push(...next.children.values());
    }
  }
}
