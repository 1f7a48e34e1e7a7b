// Reads an image's layers from the image export (GET /images/{name}/get) as one stream: each layer's uncompressed
// tar is handed to the consumer in layer order (base first), with backpressure, whichever layout the engine wrote
// (docker-save manifest.json, or the OCI index.json the containerd image store exports; docker 26 writes both).
//
// The export lists its blobs before manifest.json and index.json, in digest order, not layer order. Reading it
// twice (once for the manifest, once for the layers) would make the engine tar the whole image twice; instead it is
// read once: a layer whose turn has come goes straight to the consumer, one that arrives early is kept in a temp
// file (ExportStash) and handed over when its turn comes, then deleted. Layers are recognised on arrival by the
// image's diff ids (an uncompressed blob is named by its diff id); compressed blobs once the layout is read.
// Memory stays at a few stream buffers plus small JSON blobs, whatever the image's size.
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type Dockerode from 'dockerode';
import { extract, type Headers } from 'tar-stream';
import { drainStream } from '../core/drain-stream';
import { CancelledError, UnsupportedError } from './errors';
import { ExportStash } from './export-stash';
import {
  blobPath,
  layoutFromDockerManifest,
  layoutFromOciIndex,
  type ExportImageConfig,
  type ExportLayout,
} from './image-export-layout';

export interface ExportedLayer {
  /** 0 for the base layer. */
  index: number;
  /** The layer's diff id (sha256 of its uncompressed tar), from the image config. */
  diffId: string | undefined;
  /** Name of the layer's blob in the export. */
  path: string;
  /** Bytes of the blob as exported (compressed when `compressed`). */
  size: number;
  compressed: boolean;
}

export interface ImageExportResult {
  layers: ExportedLayer[];
  config: ExportImageConfig;
  /** Bytes of the export stream read. */
  exportBytes: number;
  /** Bytes of early layers kept in temp files on the way. */
  spilledBytes: number;
}

export interface ImageExportOptions {
  signal?: AbortSignal;
  /**
   * false: hand each layer over as it arrives (its index tells which), keeping aside only layers not yet known; for
   * consumers that read headers only and put them in order themselves, as the layer analysis does. Default true.
   */
  inOrder?: boolean;
  /** Called as the export streams in, with the bytes read so far. */
  onProgress?: (bytesRead: number) => void;
}

/**
 * Receives one layer's uncompressed tar stream; the next layer comes after the promise resolves. What it leaves
 * unread is drained.
 */
export type LayerTarConsumer = (layer: ExportedLayer, tar: Readable) => Promise<void>;

const LAYOUT_FILES = new Set(['manifest.json', 'index.json']);

/** Streams image `image`'s export from `docker` and hands each layer's tar to `onLayer`, base layer first. */
export async function readImageExport(
  docker: Dockerode,
  image: string,
  onLayer: LayerTarConsumer,
  options: ImageExportOptions = {},
): Promise<ImageExportResult> {
  const info = await docker.getImage(image).inspect();
  if (options.signal?.aborted) throw new CancelledError(`reading image "${image}" was cancelled`);
  const source = (await docker.getImage(info.Id).get()) as unknown as Readable;
  return readExportStream(source, info.RootFS?.Layers ?? [], onLayer, options);
}

/**
 * Reads the image export tar `source` (destroyed at the end) of an image whose config lists `diffIds`, handing each
 * layer's tar to `onLayer`, base layer first.
 */
export async function readExportStream(
  source: Readable,
  diffIds: string[],
  onLayer: LayerTarConsumer,
  options: ImageExportOptions = {},
): Promise<ImageExportResult> {
  const reader = new ExportReader(onLayer, diffIds, options.inOrder ?? true);
  let exportBytes = 0;
  source.on('data', (chunk: Buffer) => {
    exportBytes += chunk.length;
    options.onProgress?.(exportBytes);
  });
  const abort = () => source.destroy(new CancelledError('reading the image was cancelled'));
  if (options.signal?.aborted) abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    await reader.read(source);
    const result = await reader.finish();
    return { ...result, exportBytes, spilledBytes: reader.stash.spilledBytes };
  } finally {
    options.signal?.removeEventListener('abort', abort);
    source.destroy();
    await reader.stash.dispose();
  }
}

class ExportReader {
  readonly stash = new ExportStash();
  private layout: ExportLayout | undefined;
  private readonly sizes = new Map<string, number>();
  private readonly delivered: ExportedLayer[] = [];
  private readonly done = new Set<number>();

  constructor(
    private readonly onLayer: LayerTarConsumer,
    private readonly diffIds: string[],
    private readonly inOrder: boolean,
  ) {}

  /** Reads the export tar to its end, delivering what it can on the way. */
  read(source: Readable): Promise<void> {
    return new Promise((resolve, reject) => {
      const tar = extract();
      const fail = (error: Error) => {
        tar.destroy();
        reject(error);
      };
      tar.on('entry', (header, stream, next) => {
        this.entry(header, stream).then(() => next(), fail);
      });
      tar.on('finish', () => resolve());
      tar.on('error', fail);
      source.on('error', fail);
      source.pipe(tar);
    });
  }

  /** Delivers the layers kept to the end and returns what was read. */
  async finish(): Promise<Omit<ImageExportResult, 'exportBytes' | 'spilledBytes'>> {
    await this.resolveLayout();
    const layout = this.layout;
    if (!layout) throw new UnsupportedError('The image export has neither a manifest.json nor an index.json');
    await this.deliverKept();
    const missing = this.undelivered()[0];
    if (missing !== undefined) {
      throw new Error(`The image export lacks layer ${missing} (${layout.layers[missing]?.path})`);
    }
    const config = ((await this.stash.json(layout.configPath)) ?? {}) as ExportImageConfig;
    return { layers: this.delivered.sort((a, b) => a.index - b.index), config };
  }

  private async entry(header: Headers, stream: Readable): Promise<void> {
    const name = header.name.replace(/^\.\//, '');
    const size = header.size ?? 0;
    if (header.type === 'file') {
      this.sizes.set(name, size);
      const uses = this.usesOf(name);
      if (uses.length === 1 && this.candidates().includes(uses[0]!)) {
        await this.deliver(uses[0]!, name, stream);
      } else if (uses.length > 0 || !this.layout || this.layout.configPath === name || LAYOUT_FILES.has(name)) {
        await this.stash.put(name, size, stream);
        if (!this.layout) await this.resolveLayout();
      }
      await this.deliverKept();
    }
    await drainStream(stream);
  }

  private layerCount(): number {
    return this.layout?.layers.length ?? this.diffIds.length;
  }

  /** The blob name of layer `index`: from the layout, or before it from the diff id (uncompressed blobs). */
  private pathOf(index: number): string | undefined {
    if (this.layout) return this.layout.layers[index]?.path;
    const diffId = this.diffIds[index];
    return diffId ? blobPath(diffId) : undefined;
  }

  /** Layers not handed over yet, in order. */
  private undelivered(): number[] {
    const left: number[] = [];
    for (let index = 0; index < this.layerCount(); index++) if (!this.done.has(index)) left.push(index);
    return left;
  }

  /** The layers that may be handed over now: the next in order, or (not in order) any left. */
  private candidates(): number[] {
    const left = this.undelivered();
    return this.inOrder ? left.slice(0, 1) : left;
  }

  /** The layers not handed over yet that blob `name` is: an image may hold one layer twice. */
  private usesOf(name: string): number[] {
    return this.undelivered().filter((index) => this.pathOf(index) === name);
  }

  private async resolveLayout(): Promise<void> {
    if (this.layout) return;
    const manifest = await this.stash.json('manifest.json');
    this.layout = manifest ? layoutFromDockerManifest(manifest) : undefined;
    if (!this.layout && this.stash.has('index.json')) {
      this.layout = await layoutFromOciIndex(await this.stash.json('index.json'), (digest) =>
        this.stash.json(blobPath(digest)),
      );
    }
  }

  /** Hands over the kept layers whose turn has come, dropping each after its last use. */
  private async deliverKept(): Promise<void> {
    for (;;) {
      const index = this.candidates().find((i) => this.stash.has(this.pathOf(i) ?? ''));
      const path = index === undefined ? undefined : this.pathOf(index);
      if (index === undefined || path === undefined) return;
      await this.deliver(index, path, this.stash.open(path));
      if (this.usesOf(path).length === 0) await this.stash.drop(path);
    }
  }

  private async deliver(index: number, path: string, blob: Readable): Promise<void> {
    const head = await peek(blob);
    if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) {
      throw new UnsupportedError(`Layer ${index} is zstd-compressed, which Berth cannot read yet`);
    }
    const compressed = head[0] === 0x1f && head[1] === 0x8b;
    const layer: ExportedLayer = {
      index,
      diffId: this.diffIds[index],
      path,
      size: this.sizes.get(path) ?? 0,
      compressed,
    };
    this.delivered.push(layer);
    this.done.add(index);
    if (!compressed) {
      await this.onLayer(layer, blob);
      await drainStream(blob);
      return;
    }
    const tar = createGunzip();
    const inflating = pipeline(blob, tar);
    inflating.catch(() => undefined);
    await this.onLayer(layer, tar);
    await drainStream(tar);
    await inflating;
  }
}

/** The first chunk of `stream`, put back so that reading it still starts at its beginning (paused). */
function peek(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = (head: Buffer) => {
      stream.off('data', onData).off('end', onEnd).off('error', reject);
      resolve(head);
    };
    const onData = (chunk: Buffer) => {
      stream.pause();
      stream.unshift(chunk);
      done(chunk);
    };
    const onEnd = () => done(Buffer.alloc(0));
    stream.on('data', onData).on('end', onEnd).on('error', reject);
  });
}
