// dpkg's database of installed packages: var/lib/dpkg/status, or one file per package in var/lib/dpkg/status.d/
// as distroless images write it.
import { controlParagraphs } from './control-paragraphs';
import type { FoundPackage } from './found-package';

/** The installed packages a status file lists (a paragraph whose Status is not "… installed" is left out). */
export function parseDpkgStatus(text: string): FoundPackage[] {
  const found: FoundPackage[] = [];
  for (const fields of controlParagraphs(text)) {
    const name = fields.get('Package');
    const version = fields.get('Version');
    const status = fields.get('Status');
    if (!name || !version) continue;
    if (status !== undefined && !/\binstalled$/.test(status)) continue;
    const arch = fields.get('Architecture');
    // "Source: openssl" or "Source: openssl (3.0.11-1)" when the source's version differs.
    const source = /^(\S+)(?:\s+\((\S+)\))?/.exec(fields.get('Source') ?? '');
    found.push({
      name,
      version,
      ecosystem: 'Debian',
      ...(arch ? { qualifiers: { arch } } : {}),
      ...(source?.[1] ? { source: { name: source[1], version: source[2] ?? version } } : {}),
    });
  }
  return found;
}
