// An image's catalogue as a CycloneDX 1.6 JSON document, through the CycloneDX library; a package's license as an SPDX
// id where it is one, else by its name.
import * as CDX from '@cyclonedx/cyclonedx-library';
import type { ImageCatalogue } from '../../../contract/dto/audit';
import type { SbomSubject } from './sbom-subject';

export function cyclonedxSbom(catalogue: ImageCatalogue, subject: SbomSubject): string {
  const bom = new CDX.Models.Bom();
  bom.serialNumber = `urn:uuid:${subject.uuid}`;
  bom.metadata.timestamp = subject.created;
  bom.metadata.component = new CDX.Models.Component(CDX.Enums.ComponentType.Container, subject.name, {
    version: subject.digest,
    bomRef: 'image',
  });
  const seen = new Set<string>();
  for (const pkg of catalogue.packages) {
    if (seen.has(pkg.purl)) continue;
    seen.add(pkg.purl);
    const component = new CDX.Models.Component(CDX.Enums.ComponentType.Library, pkg.name, {
      version: pkg.version,
      purl: pkg.purl,
      bomRef: pkg.purl,
    });
    if (pkg.license)
      component.licenses.add(
        CDX.SPDX.isSupportedSpdxId(pkg.license)
          ? new CDX.Models.SpdxLicense(pkg.license)
          : new CDX.Models.NamedLicense(pkg.license),
      );
    component.properties.add(new CDX.Models.Property('berth:layer', String(pkg.layer)));
    component.properties.add(new CDX.Models.Property('berth:path', pkg.path));
    bom.components.add(component);
  }
  const serializer = new CDX.Serialize.JsonSerializer(new CDX.Serialize.JSON.Normalize.Factory(CDX.Spec.Spec1dot6));
  return serializer.serialize(bom, { sortLists: true, space: 2 });
}
