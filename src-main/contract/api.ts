// The API map: every method main serves, its argument schema and its result type.
import type { z } from 'zod';
import { adviceMethods } from './methods/advice';
import { buildCacheMethods } from './methods/build-cache';
import { buildMethods } from './methods/builds';
import { auditMethods } from './methods/audit';
import { containerMethods } from './methods/containers';
import { engineMethods } from './methods/engines';
import { imageMethods } from './methods/images';
import { layerMethods } from './methods/layers';
import { machineMethods } from './methods/machine';
import { networkMethods } from './methods/networks';
import { registryMethods } from './methods/registries';
import { settingsMethods } from './methods/settings';
import { stackMethods } from './methods/stacks';
import { streamMethods } from './methods/streams';
import { systemMethods } from './methods/system';
import { volumeMethods } from './methods/volumes';

export const methods = {
  ...systemMethods,
  ...containerMethods,
  ...imageMethods,
  ...buildMethods,
  ...layerMethods,
  ...volumeMethods,
  ...networkMethods,
  ...stackMethods,
  ...streamMethods,
  ...settingsMethods,
  ...machineMethods,
  ...adviceMethods,
  ...buildCacheMethods,
  ...auditMethods,
  ...registryMethods,
  ...engineMethods,
} as const;

type Methods = typeof methods;
export type MethodName = keyof Methods;

/** name → { args: what a caller sends, parsed: what a handler receives (defaults applied), result }. */
export type Api = {
  [M in MethodName]: {
    args: z.input<Methods[M]['args']>;
    parsed: z.output<Methods[M]['args']>;
    result: Exclude<Methods[M]['result'], undefined>;
  };
};

export type ArgsOf<M extends MethodName> = Api[M]['args'];
export type ParsedArgsOf<M extends MethodName> = Api[M]['parsed'];
export type ResultOf<M extends MethodName> = Api[M]['result'];

export const methodNames = Object.keys(methods) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}
