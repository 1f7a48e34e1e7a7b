// Layer explorer methods: analyse an image's layers (progress as `layers.progress`, cancelled with
// `operations.cancel`), then list one folder of one layer's view, or of the merged view, at a time.
import { z } from 'zod';
import { method } from '../define';
import type { LayerAnalysis, LayerFolder } from '../dto/layers';
import { objectRef, operationId } from './common';

/** Most entries one folder listing returns. */
export const MAX_FOLDER_ENTRIES = 10_000;
/** Entries a folder listing returns unless asked for another limit. */
export const DEFAULT_FOLDER_ENTRIES = 2000;

const folderPath = z
  .string()
  .max(4096, 'is too long')
  .refine((path) => !path.split('/').some((name) => name === '..'), 'must not contain ".." segments')
  .default('');

export const layerMethods = {
  /** Reads the image's export and analyses its layers; kept for the session, so a second call answers at once. */
  'layers.analyze': method<LayerAnalysis>()(
    z.object({ image: objectRef, operation: operationId.optional(), refresh: z.boolean().default(false) }).strict(),
  ),
  /** One folder's entries in layer `layer`'s view (null: the final image), from an analysis made before. */
  'layers.folder': method<LayerFolder>()(
    z
      .object({
        image: objectRef,
        layer: z.number().int().min(0).max(10_000).nullable().default(null),
        path: folderPath,
        onlyChanges: z.boolean().default(false),
        limit: z.number().int().min(1).max(MAX_FOLDER_ENTRIES).default(DEFAULT_FOLDER_ENTRIES),
      })
      .strict(),
  ),
} as const;
