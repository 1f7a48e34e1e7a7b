// Confirmation before destructive actions: says exactly what goes, the destructive button is red.
import { useDialog } from 'naive-ui';
import { h } from 'vue';

export interface ConfirmOptions {
  title: string;
  /** One sentence: what happens. */
  message: string;
  /** Exactly what will be deleted, one per line. */
  items?: string[];
  /** Anything else that goes with it ("Their anonymous volumes go too."). */
  note?: string;
  confirm: string;
}

const MAX_LISTED = 12;

export function useConfirm() {
  const dialog = useDialog();
  return (options: ConfirmOptions): Promise<boolean> =>
    new Promise((resolve) => {
      const items = options.items ?? [];
      dialog.warning({
        title: options.title,
        content: () =>
          h('div', { class: 'confirm-body' }, [
            h('p', options.message),
            items.length
              ? h('ul', { class: 'confirm-list mono' }, [
                  ...items.slice(0, MAX_LISTED).map((item) => h('li', item)),
                  ...(items.length > MAX_LISTED ? [h('li', `…and ${items.length - MAX_LISTED} more`)] : []),
                ])
              : null,
            options.note ? h('p', { class: 'confirm-note' }, options.note) : null,
          ]),
        positiveText: options.confirm,
        negativeText: 'Cancel',
        positiveButtonProps: { type: 'error', 'data-test': 'confirm' } as never,
        negativeButtonProps: { 'data-test': 'cancel' } as never,
        onPositiveClick: () => resolve(true),
        onNegativeClick: () => resolve(false),
        onClose: () => resolve(false),
        onMaskClick: () => resolve(false),
        onEsc: () => resolve(false),
      });
    });
}
