// Layer explorer DTOs: an image's layers with what each adds, changes and removes, wasted bytes and efficiency as
// dive computes them, and one folder of a layer's file tree at a time.

/** How an entry of a layer's view differs from the layer below. */
export type LayerChange = 'added' | 'changed' | 'removed' | 'unchanged';

export type LayerEntryKind = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

export interface LayerSummary {
  /** 0 for the base layer. */
  index: number;
  /** The Dockerfile instruction that made the layer ("RUN apt-get …"), from the image's history; "" when unknown. */
  instruction: string;
  /** The history's raw `created_by`. */
  createdBy: string;
  diffId?: string;
  /** Bytes of the files the layer writes (uncompressed). */
  sizeBytes: number;
  /** Bytes of the layer's blob in the export (compressed when `compressed`). */
  blobBytes: number;
  compressed: boolean;
  /** Files (not folders) that are new, that replace a lower layer's, and removals (whiteouts). */
  added: number;
  changed: number;
  removed: number;
  /** Bytes of lower layers' files this layer removes. */
  removedBytes: number;
  /** Bytes of this layer's files that a later layer overwrites or removes. */
  wastedBytes: number;
}

/** A path found in more than one layer (written again or removed). */
export interface WastedFile {
  path: string;
  /** Bytes of the copies a later layer overwrote or removed. */
  wastedBytes: number;
  /** Bytes of every copy, dive's "total space" of the path (removals count 0). */
  totalBytes: number;
  /** Layers that wrote or removed the path, in order. */
  layers: number[];
  /** The path is gone from the final image. */
  removed: boolean;
}

export interface LayerAnalysis {
  imageId: string;
  layers: LayerSummary[];
  /** Bytes of all layers' files; `userSizeBytes` leaves out the base layer (as dive does). */
  sizeBytes: number;
  userSizeBytes: number;
  /** dive's efficiency score, 0…1: per path the smallest copy over the sum of its copies, summed over paths. */
  efficiency: number;
  /** Bytes of files that a later layer overwrites or removes. */
  wastedBytes: number;
  /** dive's "wasted bytes": every copy of each path found in more than one layer. */
  inefficientBytes: number;
  /** `inefficientBytes` over `userSizeBytes`, as dive reports it (0 when there are no user bytes). */
  userWastedRatio: number;
  /** The paths with the most wasted bytes, most first. */
  topWasted: WastedFile[];
  /** Entries read from all layers. */
  entries: number;
  /** How long reading and analysing took, ms. */
  durationMs: number;
}

export interface LayerFolderEntry {
  name: string;
  /** Path inside the image, without a leading "/". */
  path: string;
  kind: LayerEntryKind;
  /** Bytes (a folder's: of the files under it in this view). */
  sizeBytes: number;
  change: LayerChange;
  /** The layer the entry's current content comes from (for a removal: the layer that removed it). */
  layer: number;
  /** Folders: how many entries are directly inside. */
  children?: number;
  linkname?: string;
}

export interface LayerFolder {
  /** The folder listed ("" for the root). */
  path: string;
  /** The layer viewed; null for the merged view of the final image. */
  layer: number | null;
  entries: LayerFolderEntry[];
  /** Entries left out beyond the listing's limit. */
  truncated: number;
}

/** Progress of `layers.analyze` while the image export streams. */
export interface LayersProgress {
  operation: string;
  imageId: string;
  /** Bytes of the export read so far, and about how many it has (the image's size). */
  bytesRead: number;
  totalBytes: number;
  /** Layers read so far, of `layerCount`. */
  layersRead: number;
  layerCount: number;
}
