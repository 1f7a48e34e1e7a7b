// Dockerfile advice methods: a Dockerfile (a host file or its text) checked by the advice rules, tied to an image.
import { z } from 'zod';
import { method } from '../define';
import type { AdviceReport } from '../dto/advice';
import { MAX_DOCKERFILE_BYTES } from '../limits';
import { hostPath, objectRef } from './common';

/** The image built from the Dockerfile, whose history ties findings to layers and their sizes. */
const image = objectRef.optional();

export const adviceMethods = {
  /** The advice for the Dockerfile at `path` on this computer (at most 1 MiB). */
  'advice.analyzeFile': method<AdviceReport>()(z.object({ path: hostPath, image }).strict()),
  /** The advice for a Dockerfile's text. */
  'advice.analyzeText': method<AdviceReport>()(
    z
      .object({
        text: z.string().max(MAX_DOCKERFILE_BYTES, `must be at most ${MAX_DOCKERFILE_BYTES / 1024} KiB`),
        image,
      })
      .strict(),
  ),
} as const;
