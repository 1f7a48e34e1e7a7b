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
    const history = image ? await s.images.history(image) : undefined;
    return parseField(field, () => analyzeDockerfile(text, image ? { id: image, history: history! } : undefined));
  };
  return {
    'advice.analyzeFile': async (a) => analyze('path', await readDockerfile(a.path), a.image),
    'advice.analyzeText': (a) => analyze('text', a.text, a.image),
  };
}
