// Validation of the volume forms as the user types: volume names, host paths, archive file names.
import { hostPath, objectName } from '../../../../src-main/contract/methods/common';

/**
 * Why `text` cannot name a new volume, or undefined when it can. Empty is fine unless `required`
 * (a volume created without a name is anonymous).
 */
export function volumeNameError(
  text: string,
  existing: ReadonlySet<string>,
  options: { required: boolean },
): string | undefined {
  const name = text.trim();
  if (!name) return options.required ? 'Give the volume a name' : undefined;
  const parsed = objectName.safeParse(name);
  if (!parsed.success) return `The name ${parsed.error.issues[0]?.message ?? 'is not valid'}`;
  if (existing.has(name)) return `A volume named "${name}" already exists`;
  return undefined;
}

/** Why `text` is not an absolute path on this computer, or undefined when it is. */
export function hostPathError(text: string, what = 'path'): string | undefined {
  if (!text.trim()) return `Enter the ${what}`;
  const parsed = hostPath.safeParse(text.trim());
  return parsed.success ? undefined : `The ${what} ${parsed.error.issues[0]?.message ?? 'is not valid'}`;
}

/** Export writes gzip-compressed tar; the name should say so. */
export function exportPathError(text: string): string | undefined {
  const error = hostPathError(text, 'file path');
  if (error) return error;
  if (/[\\/]$/.test(text.trim())) return 'Name the file, not only its folder';
  return /\.(tar\.gz|tgz)$/i.test(text.trim()) ? undefined : 'The file name must end in .tar.gz or .tgz';
}

/** Import reads tar, optionally gzip-compressed. */
export function importPathError(text: string): string | undefined {
  const error = hostPathError(text, 'file path');
  if (error) return error;
  return /\.(tar\.gz|tgz|tar)$/i.test(text.trim()) ? undefined : 'Choose a .tar.gz, .tgz or .tar file';
}

/** `folder/file`, with one separator whatever the folder ends with ("" folder gives ""). */
export function joinHostPath(folder: string, file: string): string {
  if (!folder) return '';
  const separator = /^[A-Za-z]:[\\/]/.test(folder) && !folder.includes('/') ? '\\' : '/';
  return folder.replace(/[\\/]+$/, '') + separator + file;
}

/** The folder part of an absolute host file path ("/a/b.tar.gz" → "/a"); "" when there is none. */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (cut < 0) return '';
  return cut === 0 ? '/' : path.slice(0, cut);
}
