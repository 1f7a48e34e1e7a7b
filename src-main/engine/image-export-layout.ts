// Where an image export (GET /images/{name}/get) keeps the image's layers and config: read from the docker-save
// manifest.json or from the OCI layout's index.json and the manifest it points to. Pure JSON reading, no I/O.

/** One layer as the export lists it. */
export interface ExportLayerRef {
  /** Name of the layer's blob inside the export, e.g. "blobs/sha256/<hex>" or "<id>/layer.tar". */
  path: string;
  /** The blob's digest ("sha256:…") when the layout names it. */
  digest?: string;
}

export interface ExportLayout {
  /** Name of the image config blob inside the export. */
  configPath: string;
  /** Base layer first. */
  layers: ExportLayerRef[];
}

/** The config fields the layer analysis reads (OCI image config). */
export interface ExportImageConfig {
  rootfs?: { diff_ids?: string[] };
  history?: Array<{ created_by?: string; comment?: string; empty_layer?: boolean; created?: string }>;
}

interface Descriptor {
  digest?: string;
  platform?: { os?: string; architecture?: string };
}

/** "blobs/sha256/<hex>" for "sha256:<hex>": where the OCI layout keeps a blob. */
export function blobPath(digest: string): string {
  const [algorithm, hex] = digest.split(':');
  return `blobs/${algorithm}/${hex}`;
}

/** The layout from docker-save's manifest.json (one entry per saved image; the first is the one asked for). */
export function layoutFromDockerManifest(json: unknown): ExportLayout | undefined {
  const first = Array.isArray(json) ? (json[0] as { Config?: unknown; Layers?: unknown } | undefined) : undefined;
  if (!first || typeof first.Config !== 'string' || !Array.isArray(first.Layers)) return undefined;
  const layers = first.Layers.filter((path): path is string => typeof path === 'string').map((path) => {
    const match = /^blobs\/([a-z0-9]+)\/([a-f0-9]+)$/.exec(path);
    return match ? { path, digest: `${match[1]}:${match[2]}` } : { path };
  });
  return { configPath: first.Config, layers };
}

/**
 * The layout from an OCI index.json, following index → (nested index →) image manifest through `blob` (a blob's
 * parsed JSON by digest, undefined while it has not been read). Undefined until every blob on the way is there.
 * In a multi-platform index the first manifest that is not an attestation is taken.
 */
export async function layoutFromOciIndex(
  index: unknown,
  blob: (digest: string) => Promise<unknown>,
): Promise<ExportLayout | undefined> {
  let current = index as { manifests?: Descriptor[]; layers?: Descriptor[]; config?: Descriptor } | undefined;
  for (let depth = 0; depth < 4 && current; depth++) {
    if (Array.isArray(current.layers) && current.config?.digest) {
      const layers = current.layers
        .filter((layer): layer is Descriptor & { digest: string } => typeof layer.digest === 'string')
        .map((layer) => ({ path: blobPath(layer.digest), digest: layer.digest }));
      return { configPath: blobPath(current.config.digest), layers };
    }
    // Attestation manifests (BuildKit's provenance) carry the platform "unknown/unknown".
    const next = current.manifests?.find((m) => typeof m.digest === 'string' && m.platform?.os !== 'unknown');
    if (!next?.digest) return undefined;
    current = (await blob(next.digest)) as typeof current;
  }
  return undefined;
}
