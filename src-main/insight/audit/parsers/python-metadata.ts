// An installed Python distribution's metadata: *.dist-info/METADATA or *.egg-info/PKG-INFO (the header fields).
import { controlParagraphs } from './control-paragraphs';
import type { FoundPackage } from './found-package';

export function parsePythonMetadata(text: string): FoundPackage[] {
  const header = controlParagraphs(text).next().value;
  const name = header?.get('Name');
  const version = header?.get('Version');
  return name && version ? [{ name, version, ecosystem: 'PyPI' }] : [];
}
