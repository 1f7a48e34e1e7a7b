// The image's file tree across its layers: per path the events that wrote or removed it, layer by layer, applying
// whiteouts (".wh.NAME") and opaque folders (".wh..wh..opq") as the OCI image spec says. Built once while the layers
// stream; any layer's view of one folder is read from it on request, with folder sizes summed once per layer.
import { DEFAULT_FOLDER_ENTRIES } from '../contract/methods/layers';
import type { LayerChange, LayerEntryKind, LayerFolder, LayerFolderEntry } from '../contract/dto/layers';

export interface PathEvent {
  layer: number;
  change: Exclude<LayerChange, 'unchanged'>;
  kind: LayerEntryKind;
  /** Bytes of the content written (for a removal: of what was removed). */
  size: number;
  linkname?: string;
}

export class TreeNode {
  children: Map<string, TreeNode> | undefined;
  /** In layer order; at most one per layer. */
  readonly events: PathEvent[] = [];

  constructor(
    readonly name: string,
    readonly parent: TreeNode | undefined,
  ) {}

  get path(): string {
    return this.parent?.parent ? `${this.parent.path}/${this.name}` : this.name;
  }

  /** The last event at or below `layer`. */
  eventAt(layer: number): PathEvent | undefined {
    for (let i = this.events.length - 1; i >= 0; i--) if (this.events[i]!.layer <= layer) return this.events[i];
    return undefined;
  }

  /** Whether the path exists in the image as of `layer`. */
  presentAt(layer: number): boolean {
    const event = this.eventAt(layer);
    return event !== undefined && event.change !== 'removed';
  }
}

/** What a removal took away: files (not folders) and their bytes. */
export interface Removal {
  files: number;
  bytes: number;
}

interface FolderTotals {
  size: number;
  /** Events in the viewed layer within the folder (for the merged view: entries written above the base layer). */
  changes: number;
}

export class LayerTree {
  readonly root = new TreeNode('', undefined);
  private readonly totals = new Map<string, Map<TreeNode, FolderTotals>>();

  /** Records that `layer` writes `path`; returns the change it is, or undefined for a folder that already existed. */
  write(layer: number, path: string, kind: LayerEntryKind, size: number, linkname?: string): PathEvent | undefined {
    const node = this.node(path, layer);
    const last = node.events.at(-1);
    const before = last?.layer === layer ? node.events.at(-2) : last;
    const existed = before !== undefined && before.change !== 'removed';
    if (kind === 'directory' && existed && before.kind === 'directory') return undefined;
    if (existed && before.kind === 'directory') this.removeChildren(node, layer);
    const event: PathEvent = { layer, change: existed ? 'changed' : 'added', kind, size };
    if (linkname) event.linkname = linkname;
    if (last?.layer === layer) node.events[node.events.length - 1] = event;
    else node.events.push(event);
    return event;
  }

  /** `layer` removes `path` (a whiteout) with all it holds. */
  remove(layer: number, path: string): Removal {
    const node = this.find(path);
    return node ? this.removeNode(node, layer) : { files: 0, bytes: 0 };
  }

  /** `layer` hides everything lower layers put in folder `path` (an opaque whiteout). */
  hideLower(layer: number, path: string): Removal {
    const node = this.find(path);
    return node ? this.removeChildren(node, layer) : { files: 0, bytes: 0 };
  }

  find(path: string): TreeNode | undefined {
    let node: TreeNode | undefined = this.root;
    for (const name of splitPath(path)) node = node?.children?.get(name);
    return node;
  }

  /**
   * One folder's entries as `layer` sees it (null: the merged view of the final image, where "only changes" means
   * written above the base layer), folders first, then by name.
   */
  folder(path: string, layer: number | null, lastLayer: number, onlyChanges: boolean, limit = DEFAULT_FOLDER_ENTRIES) {
    const view = layer ?? lastLayer;
    const node = this.find(path);
    const listed: LayerFolderEntry[] = [];
    for (const child of node?.children?.values() ?? []) {
      const entry = this.entryAt(child, view, layer === null);
      if (entry && (!onlyChanges || entry.change !== 'unchanged')) listed.push(entry);
    }
    listed.sort((a, b) => Number(b.kind === 'directory') - Number(a.kind === 'directory') || compare(a.name, b.name));
    const folder: LayerFolder = { path: node ? node.path : path, layer, entries: listed.slice(0, limit), truncated: 0 };
    folder.truncated = listed.length - folder.entries.length;
    return folder;
  }

  private entryAt(node: TreeNode, view: number, merged: boolean): LayerFolderEntry | undefined {
    const event = node.eventAt(view);
    if (!event || !visibleAt(node, view, merged)) return undefined;
    const entry: LayerFolderEntry = {
      name: node.name,
      path: node.path,
      kind: event.kind,
      sizeBytes: event.size,
      change: merged
        ? event.layer > 0
          ? event.change
          : 'unchanged'
        : event.layer === view
          ? event.change
          : 'unchanged',
      layer: event.layer,
    };
    if (event.linkname) entry.linkname = event.linkname;
    if (event.kind === 'directory' && event.change !== 'removed') {
      const totals = this.folderTotals(node, view, merged);
      entry.sizeBytes = totals.size;
      entry.children = [...(node.children?.values() ?? [])].filter((child) => visibleAt(child, view, merged)).length;
      if (entry.change === 'unchanged' && totals.changes > 0) entry.change = 'changed';
    }
    return entry;
  }

  private folderTotals(node: TreeNode, view: number, merged: boolean): FolderTotals {
    const key = merged ? 'merged' : String(view);
    let memo = this.totals.get(key);
    if (!memo) this.totals.set(key, (memo = new Map()));
    const known = memo.get(node);
    if (known) return known;
    const totals: FolderTotals = { size: 0, changes: 0 };
    for (const child of node.children?.values() ?? []) {
      const event = child.eventAt(view);
      if (!event) continue;
      if (merged ? event.layer > 0 && event.change !== 'removed' : event.layer === view) totals.changes += 1;
      if (event.change === 'removed') continue;
      if (event.kind === 'directory') {
        const inner = this.folderTotals(child, view, merged);
        totals.size += inner.size;
        totals.changes += inner.changes;
      } else totals.size += event.size;
    }
    memo.set(node, totals);
    return totals;
  }

  /** The node for `path`, with its missing parent folders added in `layer`. */
  private node(path: string, layer: number): TreeNode {
    let node = this.root;
    const names = splitPath(path);
    names.forEach((name, depth) => {
      node.children ??= new Map();
      let child = node.children.get(name);
      if (!child) node.children.set(name, (child = new TreeNode(name, node)));
      if (depth < names.length - 1 && !child.presentAt(layer)) this.write(layer, child.path, 'directory', 0);
      node = child;
    });
    return node;
  }

  private removeNode(node: TreeNode, layer: number): Removal {
    const copy = node.eventAt(layer - 1);
    if (!copy || copy.change === 'removed') return { files: 0, bytes: 0 };
    const removal = copy.kind === 'directory' ? this.removeChildren(node, layer) : { files: 1, bytes: copy.size };
    const event: PathEvent = { layer, change: 'removed', kind: copy.kind, size: removal.bytes };
    if (node.events.at(-1)?.layer === layer) node.events[node.events.length - 1] = event;
    else node.events.push(event);
    return removal;
  }

  /** Removes in `layer` what lower layers left in folder `node`, keeping what `layer` itself wrote there. */
  private removeChildren(node: TreeNode, layer: number): Removal {
    const total = { files: 0, bytes: 0 };
    for (const child of node.children?.values() ?? []) {
      if (child.events.at(-1)?.layer === layer) continue;
      const removal = this.removeNode(child, layer);
      total.files += removal.files;
      total.bytes += removal.bytes;
    }
    return total;
  }
}

/** Whether `node` shows in `view`: present, or (outside the merged view) removed by the viewed layer itself. */
function visibleAt(node: TreeNode, view: number, merged: boolean): boolean {
  const event = node.eventAt(view);
  return event !== undefined && (event.change !== 'removed' || (!merged && event.layer === view));
}

function splitPath(path: string): string[] {
  return path.split('/').filter((name) => name !== '' && name !== '.');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
