// Confirmation before destructive actions: says exactly what goes, the destructive button is red; and the
// refusal shown instead when nothing asked for can go.
import { useDialog } from 'naive-ui';
import { h } from 'vue';
import { sortNames } from '../format';

export interface ConfirmOptions {
  title: string;
  /** One sentence: what happens. */
  message: string;
  /** Exactly what will be deleted, one per line: every one is listed, sorted, in a list that scrolls. */
  items?: string[];
  /** Anything else that goes with it ("Their anonymous volumes go too."). */
  note?: string;
  confirm: string;
}

export function useConfirm() {
  const dialog = useDialog();
  return (options: ConfirmOptions): Promise<boolean> =>
    new Promise((resolve) => {
      const items = sortNames(options.items ?? []);
      // Enter confirms (unless focus is on Cancel); Esc, Cancel and the mask cancel.
      const onKey = (event: KeyboardEvent) => {
        if (event.key !== 'Enter' || (event.target as HTMLElement | null)?.closest('[data-test="cancel"]')) return;
        event.preventDefault();
        finish(true);
        handle.destroy();
      };
      const finish = (answer: boolean) => {
        window.removeEventListener('keydown', onKey, true);
        resolve(answer);
      };
      window.addEventListener('keydown', onKey, true);
      const handle = dialog.warning({
        autoFocus: false,
        title: options.title,
        content: () =>
          h('div', { class: 'confirm-body' }, [
            h('p', options.message),
            items.length
              ? h(
                  'ul',
                  { class: 'confirm-list mono', 'data-test': 'confirm-items', 'data-count': items.length },
                  items.map((item) => h('li', item)),
                )
              : null,
            options.note ? h('p', { class: 'confirm-note' }, options.note) : null,
          ]),
        positiveText: options.confirm,
        negativeText: 'Cancel',
        positiveButtonProps: { type: 'error', 'data-test': 'confirm' } as never,
        negativeButtonProps: { 'data-test': 'cancel' } as never,
        onPositiveClick: () => finish(true),
        onNegativeClick: () => finish(false),
        onClose: () => finish(false),
        onMaskClick: () => finish(false),
        onEsc: () => finish(false),
      });
    });
}

/** A dialog that only explains why nothing happens, with OK. */
export function useRefusal() {
  const dialog = useDialog();
  return (title: string, message: string): void => {
    dialog.warning({
      title,
      content: message,
      positiveText: 'OK',
      positiveButtonProps: { 'data-test': 'confirm' } as never,
    });
  };
}
