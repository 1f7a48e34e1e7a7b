// Env values marked secret: the labels that remember their names, and env lists and inspect JSON with their values hidden.
import { HIDDEN_ENV_VALUE, SECRET_ENV_LABEL_PREFIX } from '../contract/secret-env';

type Labels = Record<string, string> | null | undefined;

/** The labels that mark `names` secret: `berth.secret-env.<NAME>` = "hidden". */
export function secretEnvLabels(names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [`${SECRET_ENV_LABEL_PREFIX}${name}`, 'hidden']));
}

/** The names these labels mark secret, sorted. */
export function secretEnvNames(labels: Labels): string[] {
  return Object.keys(labels ?? {})
    .filter((key) => key.startsWith(SECRET_ENV_LABEL_PREFIX) && key.length > SECRET_ENV_LABEL_PREFIX.length)
    .map((key) => key.slice(SECRET_ENV_LABEL_PREFIX.length))
    .sort();
}

/** The name of a `NAME=value` (or `NAME`) entry. */
export function envName(entry: string): string {
  const equals = entry.indexOf('=');
  return equals === -1 ? entry : entry.slice(0, equals);
}

/** `env` with the value of every variable in `names` replaced: `NAME=[hidden]`; other entries unchanged. */
export function hideSecretEnv(env: readonly string[], names: readonly string[]): string[] {
  if (names.length === 0) return [...env];
  const secret = new Set(names);
  return env.map((entry) =>
    entry.includes('=') && secret.has(envName(entry)) ? `${envName(entry)}=${HIDDEN_ENV_VALUE}` : entry,
  );
}

/**
 * A copy of an engine inspect answer (a container's or an image's) whose `Config.Env` and `ContainerConfig.Env`
 * (older engines' images) hide the variables `Config.Labels` marks secret; `names` are those variables.
 */
export function hideSecretEnvInInspect<T extends object>(inspect: T): { inspect: T; names: string[] } {
  const raw = inspect as { Config?: { Env?: unknown; Labels?: Labels }; ContainerConfig?: { Env?: unknown } };
  const names = secretEnvNames(raw.Config?.Labels);
  if (names.length === 0) return { inspect, names };
  const hidden = <C extends { Env?: unknown }>(config: C | undefined): C | undefined =>
    config && Array.isArray(config.Env) ? { ...config, Env: hideSecretEnv(config.Env as string[], names) } : config;
  const copy: Record<string, unknown> = { ...inspect, Config: hidden(raw.Config) };
  if (raw.ContainerConfig) copy.ContainerConfig = hidden(raw.ContainerConfig);
  return { inspect: copy as T, names };
}
