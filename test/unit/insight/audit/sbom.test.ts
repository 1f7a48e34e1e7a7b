import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import type { ImageCatalogue } from '../../../../src-main/contract/dto/audit';
import { cyclonedxSbom } from '../../../../src-main/insight/audit/sbom/cyclonedx-sbom';
import { spdxSbom } from '../../../../src-main/insight/audit/sbom/spdx-sbom';

const catalogue: ImageCatalogue = {
  image: 'sha256:abc',
  packages: [
    {
      name: 'openssl',
      version: '3.0.11-1',
      ecosystem: 'Debian',
      purl: 'pkg:deb/debian/openssl@3.0.11-1?arch=amd64',
      layer: 0,
      path: 'var/lib/dpkg/status',
    },
    {
      name: 'bash',
      version: '5.1.8-6.el9',
      ecosystem: 'Red Hat',
      purl: 'pkg:rpm/rhel/bash@5.1.8-6.el9?arch=x86_64',
      layer: 0,
      path: 'var/lib/rpm/rpmdb.sqlite',
      license: 'GPLv3+',
    },
    {
      name: 'zlib',
      version: '1.2.11-40.el9',
      ecosystem: 'Red Hat',
      purl: 'pkg:rpm/rhel/zlib@1.2.11-40.el9?arch=x86_64',
      layer: 0,
      path: 'var/lib/rpm/rpmdb.sqlite',
      license: 'Zlib',
    },
    {
      name: '@babel/core',
      version: '7.22.0',
      ecosystem: 'npm',
      purl: 'pkg:npm/%40babel/core@7.22.0',
      layer: 1,
      path: 'app/package-lock.json',
    },
    {
      name: '@babel/core',
      version: '7.22.0',
      ecosystem: 'npm',
      purl: 'pkg:npm/%40babel/core@7.22.0',
      layer: 1,
      path: 'app/node_modules/@babel/core/package.json',
    },
  ],
  layers: [],
  notes: [],
};
const subject = {
  name: 'web:1.0',
  digest: 'sha256:abc',
  created: new Date('2026-01-02T03:04:05.678Z'),
  uuid: '0b5c7a0e-6a43-4a8e-9f5a-1f2b3c4d5e6f',
  toolVersion: '1.2.3',
};

/** The CycloneDX library's own bundled JSON schemas (its validator needs optional packages this project lacks). */
function cyclonedxValidator() {
  const library = dirname(createRequire(import.meta.url).resolve('@cyclonedx/cyclonedx-library/package.json'));
  const schema = (name: string) => JSON.parse(readFileSync(join(library, 'res/schema', name), 'utf8')) as object;
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  // The bom schema refers to its neighbours by their file names, relative to its own $id.
  for (const name of ['spdx', 'jsf-0.82', 'cryptography-defs']) {
    const { $id: _id, ...neighbour } = schema(`${name}.SNAPSHOT.schema.json`) as { $id?: string };
    ajv.addSchema(neighbour, `http://cyclonedx.org/schema/${name}.SNAPSHOT.schema.json`);
  }
  return ajv.compile(schema('bom-1.6.SNAPSHOT.schema.json'));
}

describe('SBOM export', () => {
  it('writes CycloneDX 1.6 JSON that its schema accepts, one component per purl', () => {
    const bom = JSON.parse(cyclonedxSbom(catalogue, subject)) as {
      specVersion: string;
      serialNumber: string;
      metadata: { component: { name: string; type: string } };
      components: {
        purl: string;
        properties: { name: string; value: string }[];
        licenses?: { license: { id?: string; name?: string } }[];
      }[];
    };
    const validate = cyclonedxValidator();
    expect(validate(bom), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...bom, components: [{ type: 'not-a-type', name: 'x' }] })).toBe(false);
    expect(bom.specVersion).toBe('1.6');
    expect(bom.serialNumber).toBe(`urn:uuid:${subject.uuid}`);
    expect(bom.metadata.component).toMatchObject({ name: 'web:1.0', type: 'container' });
    expect(bom.components.map((c) => c.purl).sort()).toEqual([
      'pkg:deb/debian/openssl@3.0.11-1?arch=amd64',
      'pkg:npm/%40babel/core@7.22.0',
      'pkg:rpm/rhel/bash@5.1.8-6.el9?arch=x86_64',
      'pkg:rpm/rhel/zlib@1.2.11-40.el9?arch=x86_64',
    ]);
    // A package's license: an SPDX id where it is one, else by the name the package gives it.
    const licenses = (purl: string) => bom.components.find((c) => c.purl.includes(purl))?.licenses;
    expect(licenses('zlib@')).toEqual([{ license: { id: 'Zlib' } }]);
    expect(licenses('bash@')).toEqual([{ license: { name: 'GPLv3+' } }]);
    expect(licenses('openssl@')).toBeUndefined();
    expect(bom.components.find((c) => c.purl.startsWith('pkg:npm'))?.properties).toContainEqual({
      name: 'berth:layer',
      value: '1',
    });
  });

  it('writes an SPDX 2.3 document: the image described, each package contained with its purl', () => {
    const doc = JSON.parse(spdxSbom(catalogue, subject)) as {
      spdxVersion: string;
      dataLicense: string;
      SPDXID: string;
      creationInfo: { created: string; creators: string[] };
      documentDescribes: string[];
      packages: {
        SPDXID: string;
        name: string;
        externalRefs?: { referenceType: string; referenceLocator: string }[];
        licenseDeclared?: string;
        licenseComments?: string;
      }[];
      relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[];
    };
    expect(doc).toMatchObject({ spdxVersion: 'SPDX-2.3', dataLicense: 'CC0-1.0', SPDXID: 'SPDXRef-DOCUMENT' });
    expect(doc.creationInfo).toEqual({ created: '2026-01-02T03:04:05Z', creators: ['Tool: berth-1.2.3'] });
    const ids = doc.packages.map((p) => p.SPDXID);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^SPDXRef-[A-Za-z0-9.-]+$/);
    expect(doc.packages).toHaveLength(5);
    expect(doc.packages.find((p) => p.name === 'bash')).toMatchObject({
      licenseDeclared: 'NOASSERTION',
      licenseComments: 'The package declares: GPLv3+',
    });
    expect(doc.documentDescribes).toEqual(['SPDXRef-Image']);
    const contained = doc.relationships
      .filter((r) => r.relationshipType === 'CONTAINS')
      .map((r) => r.relatedSpdxElement);
    expect(contained.sort()).toEqual(ids.filter((id) => id !== 'SPDXRef-Image').sort());
    expect(doc.packages.flatMap((p) => p.externalRefs ?? []).map((r) => r.referenceLocator)).toContain(
      'pkg:npm/%40babel/core@7.22.0',
    );
  });
});
