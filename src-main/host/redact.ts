// Removing secrets (passwords, tokens, keys, credentials in URLs) from data and text before it leaves the machine.

/** What a removed secret is replaced with. */
export const REMOVED = '[removed]';

/** A string value of a key ending in "key" is removed from this many characters on. */
export const LONG_KEY_VALUE_CHARS = 20;

/**
 * Words that make a key secret, matched in the key lowercased without "_", "-" and ".".
 * "auth" but not "author(s)"/"authority" (image metadata); "authorization" is secret.
 */
const SECRET_WORD = /password|passwd|secret|token|credential|privatekey|apikey|auth(?!or(?!iz))/;

/** scheme://userinfo@ — the userinfo ends at the last "@" before the authority ends. */
const URL_CREDENTIALS = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*):\/\/([^\s/?#"'<>\\`{}[\]|^]+)@/gi;
/** Schemes whose user name is an account, not a secret: only the password goes. */
const USER_KEEPING_SCHEMES = /^(?:ssh|sftp|git\+ssh|ssh\+git)$/i;
/** "key": "value" as in JSON. */
const QUOTED_PAIR = /"([\w.-]+)"(\s*:\s*)"(?:[^"\\\n]|\\.)*"/g;
/** key=value, key: value (space after the colon), with an optional auth scheme before a quoted or bare value. */
const PLAIN_PAIR =
  /(?<![\w.-])([\w.-]+)(\s*=\s*|\s*:[ \t]+)((?:Bearer|Basic|Digest|Token|Negotiate)[ \t]+)?("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s"'&,;]+)/gi;
/** A bearer token anywhere (e.g. a logged curl command). */
const BEARER = /\b(Bearer\s+)[\w\-.~+/]+=*/g;

/** Whether `key` names a secret (case-insensitive, ignoring "_", "-" and "."). */
export function isSecretKey(key: string): boolean {
  return SECRET_WORD.test(key.toLowerCase().replace(/[_.-]/g, ''));
}

/**
 * A deep copy of JSON-like `value` (what JSON.stringify would keep; `toJSON` is honoured, cycles
 * become "[circular]") with secrets removed: the value of a secret key (see `isSecretKey`; and a
 * key ending in "key" whose value is a string of `LONG_KEY_VALUE_CHARS` or more) becomes
 * "[removed]" unless it is null, a boolean or an empty string, which only tell whether a secret is
 * set; every other string goes through `redactText`.
 */
export function redactSecrets(value: unknown): unknown {
  return copy(value, new Set());
}

function copy(value: unknown, parents: Set<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (typeof value !== 'object' || value === null) return value;
  const json = (value as { toJSON?: unknown }).toJSON;
  if (typeof json === 'function') return copy((json as () => unknown).call(value), parents);
  if (parents.has(value)) return '[circular]';
  parents.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => copy(item, parents) ?? null);
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const copied = secretValue(key, item) ? REMOVED : copy(item, parents);
      if (copied !== undefined) result[key] = copied;
    }
    return result;
  } finally {
    parents.delete(value);
  }
}

function secretValue(key: string, value: unknown): boolean {
  if (value === null || value === undefined || typeof value === 'boolean' || value === '') return false;
  if (isSecretKey(key)) return true;
  return typeof value === 'string' && value.length >= LONG_KEY_VALUE_CHARS && key.toLowerCase().endsWith('key');
}

/**
 * `text` with credentials removed from URLs (`https://user:pass@host` → `https://[removed]@host`;
 * ssh keeps the user: `ssh://me:pass@host` → `ssh://me:[removed]@host`), and the values of secret
 * keys (see `isSecretKey`) in `"key": "value"`, `key=value` and `Key: value` (e.g.
 * `Authorization: Bearer [removed]`, keeping the scheme), and any `Bearer <token>`. Line by line,
 * so line count and everything else are unchanged.
 */
export function redactText(text: string): string {
  return text
    .replace(URL_CREDENTIALS, (_match, scheme: string, userinfo: string) => {
      if (!USER_KEEPING_SCHEMES.test(scheme)) return `${scheme}://${REMOVED}@`;
      const colon = userinfo.indexOf(':');
      return colon < 0 ? `${scheme}://${userinfo}@` : `${scheme}://${userinfo.slice(0, colon)}:${REMOVED}@`;
    })
    .replace(QUOTED_PAIR, (match, key: string, separator: string) =>
      isSecretKey(key) ? `"${key}"${separator}"${REMOVED}"` : match,
    )
    .replace(PLAIN_PAIR, (match, key: string, separator: string, scheme: string | undefined, secret: string) => {
      if (!isSecretKey(key)) return match;
      const quote = secret.startsWith('"') || secret.startsWith("'") ? secret[0] : '';
      return `${key}${separator}${scheme ?? ''}${quote}${REMOVED}${quote}`;
    })
    .replace(BEARER, `$1${REMOVED}`);
}
