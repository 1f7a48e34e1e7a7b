// @vitest-environment happy-dom
// reloadOnFailedRouteLoad: a page whose code the browser failed to fetch reloads at that page once, not in a loop.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { reloadOnFailedRouteLoad } from '../../../src-renderer/src/route-load-retry';

const failedFetch = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module: /assets/X.js'));
const brokenPage = () => Promise.reject(new Error('the page threw'));
const page = { render: () => null };

function routerWith(storage: Storage) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: page },
      { path: '/lost', component: failedFetch },
      { path: '/broken', component: brokenPage },
    ],
  });
  reloadOnFailedRouteLoad(router, storage);
  return router;
}

describe('reloadOnFailedRouteLoad', () => {
  let reload: ReturnType<typeof vi.fn<() => void>>;
  beforeEach(() => {
    reload = vi.fn<() => void>();
    vi.spyOn(window.location, 'reload').mockImplementation(reload);
    sessionStorage.clear();
  });
  afterEach(() => vi.restoreAllMocks());

  it('reloads at the page whose code failed to load, once', async () => {
    const router = routerWith(sessionStorage);
    await router.push('/').catch(() => undefined);
    await router.push('/lost').catch(() => undefined);
    expect(reload).toHaveBeenCalledTimes(1);
    expect(window.location.hash).toBe('#/lost');
    await router.push('/lost').catch(() => undefined);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('leaves other navigation errors alone', async () => {
    const router = routerWith(sessionStorage);
    await router.push('/broken').catch(() => undefined);
    expect(reload).not.toHaveBeenCalled();
  });

  it('retries again after a page loaded fine in between', async () => {
    const router = routerWith(sessionStorage);
    await router.push('/lost').catch(() => undefined);
    await router.push('/').catch(() => undefined);
    await router.push('/lost').catch(() => undefined);
    expect(reload).toHaveBeenCalledTimes(2);
  });
});
