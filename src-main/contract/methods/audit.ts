// Image audit methods: an image's packages (its SBOM), the SBOM written to a host file, the OSV database Berth
// matches against, and a scan for known vulnerabilities.
import { z } from 'zod';
import { method } from '../define';
import type { AuditDatabaseStatus, ImageCatalogue, ImageScan } from '../dto/audit';
import { hostPath, noArgs, objectRef, operationId } from './common';

const image = { id: objectRef, operation: operationId.optional() };

export const auditMethods = {
  /** The packages in the image's layers; `audit.progress` events per layer for `operation`, which cancels it. */
  'audit.catalogue': method<ImageCatalogue>()(z.object(image).strict()),
  /** The catalogue matched against the imported OSV database (no findings and `database.present: false` without). */
  'audit.scan': method<ImageScan>()(z.object(image).strict()),
  /** Writes the image's SBOM as CycloneDX 1.6 or SPDX 2.3 JSON to `hostPath`. */
  'audit.exportSbom': method<{ path: string }>()(
    z
      .object({
        id: objectRef,
        format: z.enum(['cyclonedx', 'spdx']),
        hostPath,
        overwrite: z.boolean().default(false),
      })
      .strict(),
  ),
  /** Imports an OSV database (a folder of OSV JSON files, an all.zip, or one JSON file), replacing the one Berth had. */
  'audit.importDatabase': method<AuditDatabaseStatus>()(
    z.object({ path: hostPath, operation: operationId.optional() }).strict(),
  ),
  'audit.databaseStatus': method<AuditDatabaseStatus>()(noArgs),
};
