// Binds the Dockerfile advice methods: the text (read from this computer or given), the image's history, the rules.
import type { AdviceReport } from '../contract/dto/advice';
import { parseField } from '../engine/errors';
import { analyzeDockerfile } from '../insight/advice/analyze';
import type { Handlers } from './dispatcher';
import { readDockerfile } from './dockerfile-reader';
import type { Services } from './services';

type AdviceHandlers = Pick<Handlers, Extract<keyof Handlers, `advice.${string}`>>;

export function adviceHandlers(s: Services): AdviceHandlers {
  const analyze = async (field: string, text: string, image: string | undefined): Promise<AdviceReport> => {
    const built = image
      ? await Promise.all([s.images.history(image), s.images.inspect(image)]).then(([history, detail]) => ({
          id: image,
          history,
          user: detail.user,
        }))
      : undefined;
    return parseField(field, () => analyzeDockerfile(text, built));
  };
  return {
    'advice.analyzeFile': async (a) => analyze('path', await readDockerfile(a.path), a.image),
    'advice.analyzeText': (a) => analyze('text', a.text, a.image),
  };
}
