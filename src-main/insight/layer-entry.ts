// One file entry of an image layer as the layer's tar stream yields it: what the layer analysis and the image audit
// see, one entry at a time, so an image of any size is read with bounded memory.
import type { Readable } from 'node:stream';

export interface LayerEntry {
  /** 0 for the base layer, counting up in the image's layer order. */
  layer: number;
  /** Path inside the image, without a leading "/" or "./" (as in the layer tar: "usr/bin/env"). */
  path: string;
  type: 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';
  /** Bytes of content (0 for anything but a regular file). */
  size: number;
  /** Permission bits. */
  mode: number;
  /** Symlink or hardlink target. */
  linkname?: string;
  /**
   * The entry's content, readable once, only until the next entry is delivered. A consumer that does not need it
   * leaves it alone (the reader drains it).
   */
  content: Readable;
}

/** Whiteout file names in layer tars (the OCI image spec): ".wh.NAME" deletes NAME; ".wh..wh..opq" empties the folder. */
export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_WHITEOUT = '.wh..wh..opq';
