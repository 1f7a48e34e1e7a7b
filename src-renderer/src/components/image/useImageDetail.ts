// One image's inspect data kept current: re-read (debounced) when main says images changed.
import { berth } from '../../api';
import { useEngineObject } from '../../composables/useEngineObject';

/** `idOrReference` is the image's id or a tag, as in the URL. `gone` turns true once the engine no longer knows it. */
export function useImageDetail(idOrReference: string) {
  return useEngineObject(() => berth.call('images.inspect', { id: idOrReference }), 'images.changed');
}
