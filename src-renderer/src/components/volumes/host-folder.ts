// Host paths the user last used, remembered between dialogs and sessions, with the Downloads folder as the first default.
import { useStorage } from '@vueuse/core';
import { hostPaths } from '../container/files/useHostPaths';

/** Absolute host folder path, or "" until the user typed one. */
export const lastHostFolder = useStorage('berth.hostFolder', '');

/** The last archive exported, the likeliest one to import; "" when none. */
export const lastArchivePath = useStorage('berth.lastArchive', '');

/** The folder to offer: the last one used, else the host's Downloads folder, else "" when main cannot say. */
export async function defaultHostFolder(): Promise<string> {
  if (lastHostFolder.value) return lastHostFolder.value;
  return hostPaths()
    .then((paths) => paths.downloads)
    .catch(() => '');
}
