// How an image page names its image: its first tag, or its short id when it has none.
import type { ImageDetail } from '../../../../src-main/contract/dto/images';
import { shortId } from '../../format';

export function imageTitle(image: Pick<ImageDetail, 'id' | 'repoTags'>): string {
  return image.repoTags[0] ?? shortId(image.id);
}
