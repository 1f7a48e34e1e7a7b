// An image's file entries, layer by layer: the engine's export reader (layer tars in order) feeding the insight
// layer's tar reader. For the layer analysis and the image audit.
import type Dockerode from 'dockerode';
import {
  readImageExport,
  type ExportedLayer,
  type ImageExportOptions,
  type ImageExportResult,
} from '../engine/image-export-reader';
import { readLayerEntries, type LayerEntryConsumer } from '../insight/layer-entries';

export interface ImageLayersConsumer {
  /** Called before a layer's first entry. */
  onLayer?: (layer: ExportedLayer) => Promise<void> | void;
  onEntry: LayerEntryConsumer;
  /** Called after a layer's last entry. */
  onLayerEnd?: (layer: ExportedLayer) => Promise<void> | void;
}

/**
 * Streams image `image` from `docker` and hands each file entry of each layer to `consumer`, base layer first (or as
 * they arrive, with `options.inOrder` false).
 */
export function readImageLayers(
  docker: Dockerode,
  image: string,
  consumer: ImageLayersConsumer,
  options: ImageExportOptions = {},
): Promise<ImageExportResult> {
  return readImageExport(
    docker,
    image,
    async (layer, tar) => {
      await consumer.onLayer?.(layer);
      await readLayerEntries(layer.index, tar, consumer.onEntry);
      await consumer.onLayerEnd?.(layer);
    },
    options,
  );
}
