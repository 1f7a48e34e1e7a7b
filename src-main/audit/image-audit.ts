// The image audit for one engine: an image's packages from its layers (kept for the last few images), its SBOM
// written to a host file, and its known vulnerabilities from the imported OSV database.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type Dockerode from 'dockerode';
import type { AuditDatabaseStatus, AuditProgress, ImageCatalogue, ImageScan, SbomFormat } from '../contract/dto/audit';
import { ConflictError, InvalidArgumentError, UnsupportedError } from '../engine/errors';
import type { OperationRegistry } from '../engine/operations';
import { ImageCatalogueBuilder } from '../insight/audit/image-catalogue';
import { matchCatalogue } from '../insight/audit/osv/osv-matcher';
import { cyclonedxSbom } from '../insight/audit/sbom/cyclonedx-sbom';
import { spdxSbom } from '../insight/audit/sbom/spdx-sbom';
import type { LayerEntry } from '../insight/layer-entry';
import { historyOfLayers, instructionOf, type ExportHistoryEntry } from '../insight/layer-instruction';
import type { AuditDatabase } from './audit-database';

/** Streams an image's file entries, base layer first; `onLayer` is told each layer's index before its entries. */
export type ImageLayerSource = (
  image: string,
  consumer: { onLayer: (layer: { index: number }) => void; onEntry: (entry: LayerEntry) => Promise<void> },
  options: { signal: AbortSignal },
) => Promise<{ config: { history?: ExportHistoryEntry[] } }>;

/** How many images' catalogues are kept, so a scan or an export after a catalogue does not read the image again. */
const KEPT_CATALOGUES = 8;

export interface ImageAuditOptions {
  docker: Dockerode;
  layers: ImageLayerSource;
  operations: OperationRegistry;
  /** Absent where Berth has no data folder: catalogues and SBOMs work, the database does not. */
  database: AuditDatabase | undefined;
  progress: (progress: AuditProgress) => void;
  appVersion: string;
}

export class ImageAuditService {
  private readonly catalogues = new Map<string, ImageCatalogue>();

  constructor(private readonly options: ImageAuditOptions) {}

  /** The packages in `image`'s layers; progress events per layer under `operation`, which cancels it. */
  async catalogue(image: string, operation?: string): Promise<ImageCatalogue> {
    const { docker, operations, layers, progress } = this.options;
    const info = await docker.getImage(image).inspect();
    const kept = this.catalogues.get(info.Id);
    if (kept) return kept;
    const total = info.RootFS?.Layers?.length ?? 0;
    const catalogue = await operations.run(operation, async (op) => {
      const builder = new ImageCatalogueBuilder();
      const report = (layersRead: number) =>
        progress({ operation: op.id, layersRead, layers: total, packages: builder.packageCount });
      const { config } = await layers(
        info.Id,
        { onLayer: (layer) => report(layer.index), onEntry: (entry) => builder.add(entry) },
        { signal: op.signal },
      );
      report(total);
      const instructions = historyOfLayers(config.history, total).map((entry) =>
        instructionOf(entry?.created_by ?? ''),
      );
      return builder.result(info.Id, instructions);
    });
    this.catalogues.delete(info.Id);
    this.catalogues.set(info.Id, catalogue);
    for (const old of this.catalogues.keys()) if (this.catalogues.size > KEPT_CATALOGUES) this.catalogues.delete(old);
    return catalogue;
  }

  /** The catalogue matched against the database; without one, the catalogue alone and `database.present: false`. */
  async scan(image: string, operation?: string): Promise<ImageScan> {
    const catalogue = await this.catalogue(image, operation);
    const database = this.options.database;
    const status = await this.databaseStatus();
    if (!database || !status.present) return { catalogue, database: status, findings: [] };
    const lookup = await database.lookup(catalogue.packages.map((p) => p.ecosystem));
    return { catalogue, database: status, findings: matchCatalogue(catalogue, lookup) };
  }

  /** Writes `image`'s SBOM in `format` to `hostPath` (refusing to replace a file unless `overwrite`). */
  async exportSbom(image: string, format: SbomFormat, hostPath: string, overwrite: boolean): Promise<{ path: string }> {
    const catalogue = await this.catalogue(image);
    const info = await this.options.docker.getImage(image).inspect();
    const subject = {
      name: info.RepoTags?.find((tag) => tag !== '<none>:<none>') ?? info.Id,
      digest: info.Id,
      created: new Date(),
      uuid: randomUUID(),
      toolVersion: this.options.appVersion,
    };
    const text = format === 'cyclonedx' ? cyclonedxSbom(catalogue, subject) : spdxSbom(catalogue, subject);
    await writeFile(hostPath, text, { flag: overwrite ? 'w' : 'wx' }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') throw new ConflictError(`hostPath: ${hostPath} exists already`);
      if (error.code === 'ENOENT')
        throw new InvalidArgumentError('hostPath', `the folder of ${hostPath} does not exist`);
      throw error;
    });
    return { path: hostPath };
  }

  /** The imported database's status; without a data folder, none. */
  async databaseStatus(): Promise<AuditDatabaseStatus> {
    return this.options.database ? this.options.database.status() : { present: false };
  }

  async importDatabase(path: string, operation?: string): Promise<AuditDatabaseStatus> {
    const database = this.options.database;
    if (!database) throw new UnsupportedError('Berth was started without a data folder to keep an OSV database in');
    return this.options.operations.run(operation, (op) => database.import(path, op.signal));
  }
}
