// An image's catalogue as an SPDX 2.3 JSON document: the image as the described package, each catalogued package
// contained in it with its purl as an external reference.
import type { ImageCatalogue } from '../../../contract/dto/audit';
import type { SbomSubject } from './sbom-subject';

/** SPDX ids allow letters, digits, "." and "-". */
function spdxId(index: number, name: string): string {
  return `SPDXRef-Package-${index}-${name.replace(/[^A-Za-z0-9.-]+/g, '-')}`;
}

export function spdxSbom(catalogue: ImageCatalogue, subject: SbomSubject): string {
  const seen = new Set<string>();
  const packages = catalogue.packages.filter((p) => !seen.has(p.purl) && seen.add(p.purl));
  const image = {
    SPDXID: 'SPDXRef-Image',
    name: subject.name,
    versionInfo: subject.digest,
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    primaryPackagePurpose: 'CONTAINER',
  };
  const contained = packages.map((pkg, index) => ({
    SPDXID: spdxId(index + 1, pkg.name),
    name: pkg.name,
    versionInfo: pkg.version,
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    sourceInfo: `layer ${pkg.layer}: ${pkg.path}`,
    // The package's own words ("GPLv2+"), which need not be an SPDX expression: declared as said, not concluded.
    licenseDeclared: 'NOASSERTION',
    ...(pkg.license ? { licenseComments: `The package declares: ${pkg.license}` } : {}),
    externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: pkg.purl }],
  }));
  const document = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: subject.name,
    documentNamespace: `https://spdx.org/spdxdocs/berth/${subject.uuid}`,
    creationInfo: {
      created: subject.created.toISOString().replace(/\.\d+Z$/, 'Z'),
      creators: [`Tool: berth-${subject.toolVersion}`],
    },
    documentDescribes: ['SPDXRef-Image'],
    packages: [image, ...contained],
    relationships: [
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-Image' },
      ...contained.map((pkg) => ({
        spdxElementId: 'SPDXRef-Image',
        relationshipType: 'CONTAINS',
        relatedSpdxElement: pkg.SPDXID,
      })),
    ],
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
