// Env values the user marks secret: how a container remembers their names, and what API answers show instead of them.

/**
 * Label key prefix marking one environment variable secret: `berth.secret-env.<NAME>`. Names only, never values;
 * one label per name, so the marks of an image (e.g. one committed from a container) and of a container run from
 * it add up.
 */
export const SECRET_ENV_LABEL_PREFIX = 'berth.secret-env.';

/** What an API answer holds instead of a secret env value: `NAME=[hidden]`. */
export const HIDDEN_ENV_VALUE = '[hidden]';
