// Validates image references typed into the Pull, Tag and image picker fields, with the engine's own parser.
import type { ImageSummary } from '../../../../src-main/contract/dto/images';
import { parseImageReference } from '../../../../src-main/core/image-ref';
import { fieldMessage } from './field-message';

/**
 * Why `text` is not an image reference, or undefined when it is one (blank text is not checked:
 * the form keeps its button disabled instead of scolding an empty field).
 * @param tagOnly refuse digests, as tags and pushes need a tag
 */
export function referenceError(text: string, { tagOnly = false } = {}): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  try {
    const ref = parseImageReference(trimmed);
    if (tagOnly && ref.digest !== undefined) return 'a tag cannot contain a digest ("@sha256:…")';
    return undefined;
  } catch (error) {
    return fieldMessage(error, trimmed);
  }
}

/** The local image `text` names: one of its tags, its full id, or an id prefix of 12+ hex digits. */
export function findLocalImage(images: readonly ImageSummary[], text: string): ImageSummary | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const hex = t.replace(/^sha256:/, '');
  const byId = /^[0-9a-f]{12,64}$/.test(hex)
    ? images.find((i) => i.id.replace(/^sha256:/, '').startsWith(hex))
    : undefined;
  const untagged = t.lastIndexOf(':') <= t.lastIndexOf('/') && !t.includes('@');
  return byId ?? images.find((i) => i.repoTags.includes(t) || (untagged && i.repoTags.includes(`${t}:latest`)));
}

/**
 * Why the image picker's text cannot be run, or undefined: a local image (tag or id) or any
 * well-formed reference (the engine pulls what is missing) is fine.
 */
export function imageError(images: readonly ImageSummary[], text: string): string | undefined {
  if (text.trim() === '') return 'choose an image to run';
  return findLocalImage(images, text) ? undefined : referenceError(text);
}
