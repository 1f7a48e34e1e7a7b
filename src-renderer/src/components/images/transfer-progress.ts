// Pull and push progress: per-layer state merged from `images.progress` events, and how far along each is.
import type { LayerProgress } from '../../../../src-main/contract/dto/images';
import { size } from '../../format';

export type TransferKind = 'pull' | 'push';

/** Per-tag lines the engine sends with an id, which are not layers ("1.0: Pulling from app"). */
const NOT_A_LAYER = /^(Pulling from|Digest:|Status:)/;
/** Share of a pulled layer's bar for downloading; extracting fills the rest. */
const DOWNLOAD_SHARE = 0.7;

/** Applies an event's layer updates in place of the earlier state of the same layers, keeping first-seen order. */
export function mergeLayers(current: readonly LayerProgress[], updates: readonly LayerProgress[]): LayerProgress[] {
  const next = [...current];
  for (const update of updates) {
    if (NOT_A_LAYER.test(update.status)) continue;
    const at = next.findIndex((l) => l.id === update.id);
    if (at === -1) next.push(update);
    else next[at] = update;
  }
  return next;
}

function ratio(layer: LayerProgress): number {
  return layer.total && layer.current !== undefined ? Math.min(layer.current / layer.total, 1) : 0;
}

/** How far one layer is, 0..1. A pull's download fills 70 % of the bar, extraction the rest. */
export function layerFraction(layer: LayerProgress, kind: TransferKind): number {
  const s = layer.status;
  if (kind === 'pull') {
    if (/^(Pull complete|Already exists)/.test(s)) return 1;
    if (/^Extracting/.test(s)) return DOWNLOAD_SHARE + (1 - DOWNLOAD_SHARE) * ratio(layer);
    if (/^(Download complete|Verifying Checksum)/.test(s)) return DOWNLOAD_SHARE;
    if (/^Downloading/.test(s)) return DOWNLOAD_SHARE * ratio(layer);
    return 0;
  }
  if (/^(Pushed|Layer already exists|Mounted from)/.test(s)) return 1;
  if (/^Pushing/.test(s)) return Math.min(ratio(layer), 0.99);
  return 0;
}

/** The whole transfer, 0..1, as the mean of its layers; undefined until a layer is known. */
export function overallFraction(layers: readonly LayerProgress[], kind: TransferKind): number | undefined {
  if (layers.length === 0) return undefined;
  return layers.reduce((sum, l) => sum + layerFraction(l, kind), 0) / layers.length;
}

/** Layers that have finished, for "2 of 5 layers". */
export function layersDone(layers: readonly LayerProgress[], kind: TransferKind): number {
  return layers.filter((l) => layerFraction(l, kind) === 1).length;
}

/** "1.2 MB / 3.4 MB" while bytes are reported, otherwise "". */
export function layerBytes(layer: LayerProgress): string {
  if (layer.current === undefined || !layer.total) return '';
  return `${size(layer.current)} / ${size(layer.total)}`;
}
