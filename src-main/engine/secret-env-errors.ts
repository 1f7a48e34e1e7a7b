// Errors of a container run with the values of its secret env variables replaced, should the engine quote the spec.
import type Dockerode from 'dockerode';
import { HIDDEN_ENV_VALUE } from '../contract/secret-env';
import { envName, secretEnvNames } from '../core/secret-env';

/** The non-empty values of the variables `options` marks secret. */
export function secretEnvValues(options: Dockerode.ContainerCreateOptions): string[] {
  const names = new Set(secretEnvNames(options.Labels));
  return (options.Env ?? [])
    .filter((entry) => entry.includes('=') && names.has(envName(entry)))
    .map((entry) => entry.slice(entry.indexOf('=') + 1))
    .filter((value) => value !== '');
}

/** `error` with each of `values` in its message (and a dockerode error's JSON message) replaced by HIDDEN_ENV_VALUE. */
export function hideValuesInError(error: unknown, values: readonly string[]): unknown {
  if (!(error instanceof Error) || values.length === 0) return error;
  const hide = (text: string) => values.reduce((t, value) => t.split(value).join(HIDDEN_ENV_VALUE), text);
  error.message = hide(error.message);
  const json = (error as { json?: { message?: unknown } | null }).json;
  if (json && typeof json.message === 'string') json.message = hide(json.message);
  return error;
}
