// One container's inspect data kept current: re-read (debounced) when main says the container changed.
import { berth } from '../../api';
import { useEngineObject } from '../../composables/useEngineObject';

export { DETAIL_DEBOUNCE_MS } from '../../composables/useEngineObject';

/** `idOrName` is the container's id or name, as in the URL. `gone` turns true once the engine no longer knows it. */
export function useContainerDetail(idOrName: string) {
  return useEngineObject(() => berth.call('containers.inspect', { id: idOrName }), 'containers.changed');
}
