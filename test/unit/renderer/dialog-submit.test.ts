// @vitest-environment happy-dom
// useDialogSubmit: busy while the work runs, closed on success (or kept open when asked), the failure kept for the
// form and toasted only when titled, a second submit while busy ignored.
import { mount } from '@vue/test-utils';
import { NMessageProvider, NNotificationProvider } from 'naive-ui';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import { useDialogSubmit } from '../../../src-renderer/src/composables/useDialogSubmit';

const mounted: Array<{ unmount(): void }> = [];
afterEach(() => {
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
  document.body.innerHTML = '';
});

function setup() {
  const show = ref(true);
  let dialog: ReturnType<typeof useDialogSubmit> | undefined;
  const Dialog = defineComponent({
    setup() {
      dialog = useDialogSubmit(show);
      return () => h('div');
    },
  });
  const wrapper = mount(NNotificationProvider, {
    slots: { default: () => h(NMessageProvider, () => h(Dialog)) },
    attachTo: document.body,
  });
  mounted.push(wrapper);
  return { show, dialog: dialog! };
}

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('useDialogSubmit', () => {
  it('is busy while the work runs, then closes the dialog and hands the result to done', async () => {
    const { show, dialog } = setup();
    const work = deferred<number>();
    const seen: Array<{ result: number; open: boolean }> = [];
    const running = dialog.submit(() => work.promise, { done: (result) => seen.push({ result, open: show.value }) });
    expect(dialog.busy.value).toBe(true);
    work.resolve(7);
    await running;
    expect(dialog.busy.value).toBe(false);
    expect(show.value).toBe(false);
    expect(seen).toEqual([{ result: 7, open: false }]);
    expect(dialog.error.value).toBeUndefined();
  });

  it('keeps the failure for the form and the dialog open; no toast without a title', async () => {
    const { show, dialog } = setup();
    const done = vi.fn();
    await dialog.submit(() => Promise.reject(new Error('unauthorized: bad password')), { done });
    expect(dialog.error.value).toBe('unauthorized: bad password');
    expect(show.value).toBe(true);
    expect(dialog.busy.value).toBe(false);
    expect(done).not.toHaveBeenCalled();
    await nextTick();
    expect(document.body.textContent).not.toContain('unauthorized: bad password');
  });

  it('toasts a titled failure with the message', async () => {
    const { dialog } = setup();
    await dialog.submit(() => Promise.reject(new Error('no space left on device')), {
      failed: 'Could not import the OSV database',
    });
    await vi.waitFor(() => expect(document.body.textContent).toContain('Could not import the OSV database'));
    expect(document.body.textContent).toContain('no space left on device');
    expect(dialog.error.value).toBe('no space left on device');
  });

  it('stays open after a result it is told to show', async () => {
    const { show, dialog } = setup();
    const done = vi.fn();
    await dialog.submit(() => Promise.resolve({ engineNotice: 'add it to certs.d' }), {
      stayOpen: (saved) => !!saved.engineNotice,
      done,
    });
    expect(show.value).toBe(true);
    expect(done).toHaveBeenCalledWith({ engineNotice: 'add it to certs.d' });
  });

  it('ignores a submit while one runs, and forgets the failure when the dialog opens again', async () => {
    const { show, dialog } = setup();
    const work = deferred<void>();
    const first = dialog.submit(() => work.promise);
    const second = vi.fn(() => Promise.resolve());
    await dialog.submit(second);
    expect(second).not.toHaveBeenCalled();
    work.reject(new Error('conflict'));
    await first;
    expect(dialog.error.value).toBe('conflict');
    show.value = false;
    await nextTick();
    show.value = true;
    await nextTick();
    expect(dialog.error.value).toBeUndefined();
  });
});
