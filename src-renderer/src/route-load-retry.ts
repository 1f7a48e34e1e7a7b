// A page whose code failed to load (the browser dropped the request, e.g. when the host's network changed) is loaded
// again by reloading at that page, once; a second failure in a row shows the router's error as it is.
import type { Router } from 'vue-router';

const FAILED_CHUNK =
  /Failed to fetch dynamically imported module|Importing a module script failed|error loading dynamically imported module/i;
const RETRIED_KEY = 'berth.route-load-retried';

export function reloadOnFailedRouteLoad(router: Router, storage: Storage = sessionStorage): void {
  router.onError((error: unknown, to) => {
    const message = error instanceof Error ? error.message : String(error);
    if (!FAILED_CHUNK.test(message) || storage.getItem(RETRIED_KEY) === to.fullPath) return;
    storage.setItem(RETRIED_KEY, to.fullPath);
    window.location.hash = to.fullPath;
    window.location.reload();
  });
  router.afterEach(() => storage.removeItem(RETRIED_KEY));
}
