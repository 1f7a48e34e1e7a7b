// The folder the Files tab shows: its entries from `containers.files`, loading and error state, the newest request wins.
import { ref, shallowRef, type Ref } from 'vue';
import type { FileEntry } from '../../../../../src-main/contract/dto/files';
import { BerthError, type ErrorCode } from '../../../../../src-main/contract/result';
import { berth } from '../../../api';

export interface ListingError {
  code: ErrorCode | 'unknown';
  message: string;
}

function toListingError(error: unknown): ListingError {
  if (error instanceof BerthError) return { code: error.code, message: error.message };
  return { code: 'unknown', message: error instanceof Error ? error.message : String(error) };
}

export function useFileListing(containerId: Ref<string>) {
  const path = ref('/');
  const entries = shallowRef<FileEntry[]>([]);
  const loading = ref(false);
  const error = shallowRef<ListingError>();
  let generation = 0;

  /**
   * Lists `next` and shows it. With `keepOnError`, a failure leaves the current folder shown and is
   * returned instead (for entering a link that may point at a file).
   */
  async function open(next: string, { keepOnError = false } = {}): Promise<ListingError | undefined> {
    const mine = ++generation;
    loading.value = true;
    try {
      const listed = await berth.call('containers.files', { id: containerId.value, path: next });
      if (mine !== generation) return undefined;
      path.value = next;
      entries.value = listed;
      error.value = undefined;
      return undefined;
    } catch (e) {
      const failure = toListingError(e);
      if (mine !== generation) return undefined;
      if (!keepOnError) {
        path.value = next;
        entries.value = [];
        error.value = failure;
      }
      return failure;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  /** Forgets what was shown (another container, or this one stopped). */
  function reset(start = '/'): void {
    generation++;
    path.value = start;
    entries.value = [];
    error.value = undefined;
    loading.value = false;
  }

  return { path, entries, loading, error, open, reset, refresh: () => open(path.value) };
}
