// The images the user ran or pulled, most recent first, kept in the settings for the tray's "Run recent image".
import { MAX_RECENT_IMAGES } from '../settings/settings-schema';
import type { Services } from './services';

/**
 * Puts `image` first in settings.recentImages, unless it is an image id (an untagged image run
 * from the Images page). Saving is best effort: a failed write is not the run's or pull's failure.
 */
export async function rememberRecentImage(s: Services, image: string): Promise<void> {
  if (!s.settings || image.startsWith('sha256:')) return;
  const recent = [image, ...s.settings.settings.recentImages.filter((other) => other !== image)];
  await s.settings.update({ recentImages: recent.slice(0, MAX_RECENT_IMAGES) }).catch(() => undefined);
}
