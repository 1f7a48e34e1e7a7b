// Engine methods: the docker CLI's contexts, offered as engines.
import { method } from '../define';
import type { EngineContextList } from '../dto/engines';
import { noArgs } from './common';

export const engineMethods = {
  /** Every docker context in the CLI's config folder, the current one marked. */
  'engines.contexts': method<EngineContextList>()(noArgs),
};
