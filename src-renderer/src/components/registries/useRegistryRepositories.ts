// A registry's repositories, read a page at a time (GET /v2/_catalog through Berth), as a list page's source.
import { reactive, ref, shallowRef, watch } from 'vue';
import { berth } from '../../api';

/** Repositories asked for per page. */
export const REPOSITORY_PAGE = 100;

export function useRegistryRepositories(server: () => string) {
  const items = shallowRef<string[]>([]);
  const loading = ref(true);
  /** Why the last read failed (the registry's or Berth's words). */
  const failure = ref<string>();
  const updatedAt = ref<number>();
  /** Where the next page starts; undefined on the last page. */
  const next = ref<string>();
  const loadingMore = ref(false);

  async function read(after: string | undefined): Promise<void> {
    const asked = server();
    try {
      const page = await berth.call('registries.repositories', {
        server: asked,
        limit: REPOSITORY_PAGE,
        ...(after ? { after } : {}),
      });
      // The page moved on to another registry meanwhile: this answer is not its.
      if (asked !== server()) return;
      items.value = after
        ? [...items.value, ...page.repositories.filter((r) => !items.value.includes(r))]
        : page.repositories;
      next.value = page.next;
      failure.value = undefined;
      updatedAt.value = Date.now();
    } catch (e) {
      if (asked === server()) failure.value = e instanceof Error ? e.message : String(e);
    }
  }

  /** Reads the first page again (a retry, after a login). */
  async function refresh(): Promise<void> {
    loading.value = items.value.length === 0;
    await read(undefined);
    loading.value = false;
  }

  async function loadMore(): Promise<void> {
    if (!next.value || loadingMore.value) return;
    loadingMore.value = true;
    await read(next.value);
    loadingMore.value = false;
  }

  void refresh();
  // The router keeps the page while only its server changes: start over on the new registry.
  watch(server, () => {
    items.value = [];
    next.value = undefined;
    failure.value = undefined;
    updatedAt.value = undefined;
    void refresh();
  });
  // The list page shows its own error only before any load; this page shows `failure` itself, with what to do.
  return reactive({ items, loading, error: undefined, failure, updatedAt, next, loadingMore, refresh, loadMore });
}
