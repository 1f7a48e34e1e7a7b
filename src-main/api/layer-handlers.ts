// Binds the layer explorer methods to the layer analysis service.
import type { Handlers } from './dispatcher';
import type { Services } from './services';

type LayerHandlers = Pick<Handlers, Extract<keyof Handlers, `layers.${string}`>>;

export function layerHandlers(s: Services): LayerHandlers {
  return {
    'layers.analyze': (a) => s.layers.analyze(a.image, a.operation, a.refresh),
    'layers.folder': (a) => s.layers.folder(a),
  };
}
