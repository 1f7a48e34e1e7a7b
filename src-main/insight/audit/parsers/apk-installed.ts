// apk's database of installed packages (lib/apk/db/installed): one paragraph per package, "P:" name, "V:" version.
import { controlParagraphs } from './control-paragraphs';
import type { FoundPackage } from './found-package';

export function parseApkInstalled(text: string): FoundPackage[] {
  const found: FoundPackage[] = [];
  for (const fields of controlParagraphs(text)) {
    const name = fields.get('P');
    const version = fields.get('V');
    if (!name || !version) continue;
    const arch = fields.get('A');
    const origin = fields.get('o');
    found.push({
      name,
      version,
      ecosystem: 'Alpine',
      ...(arch ? { qualifiers: { arch } } : {}),
      ...(origin && origin !== name ? { source: { name: origin, version } } : {}),
    });
  }
  return found;
}
