// Which actions an image row offers, for the hover buttons and the right-click menu alike.
import { History, Play, Tag, Trash2, Upload } from '@lucide/vue';
import type { Component } from 'vue';
import type { ImageRow } from './image-rows';

export type ImageAction = 'run' | 'push' | 'tag' | 'history' | 'delete';

export interface ImageActionButton {
  name: ImageAction;
  label: string;
  icon: Component;
}

/** Push needs a tag, so untagged rows do not offer it. */
export function imageActions(row: Pick<ImageRow, 'reference'>): ImageActionButton[] {
  const actions: Array<ImageActionButton | false> = [
    { name: 'run', label: 'Run', icon: Play },
    row.reference !== undefined && { name: 'push', label: 'Push', icon: Upload },
    { name: 'tag', label: 'Tag', icon: Tag },
    { name: 'history', label: 'History', icon: History },
    { name: 'delete', label: 'Delete', icon: Trash2 },
  ];
  return actions.filter((a): a is ImageActionButton => a !== false);
}
