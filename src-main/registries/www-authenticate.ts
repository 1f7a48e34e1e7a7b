// Reads a registry's WWW-Authenticate challenge: Basic, or Bearer with the token server's realm, service and scope.

export type AuthChallenge =
  | { scheme: 'basic'; realm?: string }
  | { scheme: 'bearer'; realm: string; service?: string; scope?: string }
  | { scheme: 'other'; name: string };

/** `name="quoted, value"` or `name=token` pairs after the scheme; a quoted value may hold commas and \" escapes. */
function readParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  const pair = /\s*([A-Za-z][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?/gy;
  let match: RegExpExecArray | null;
  while ((match = pair.exec(text)) !== null && match[0] !== '') {
    const [, name, quoted, bare] = match;
    params.set((name as string).toLowerCase(), quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (bare ?? ''));
  }
  return params;
}

/**
 * The first challenge in a WWW-Authenticate header; undefined for an absent or empty header.
 * A Bearer challenge without a realm cannot be answered, so it reads as `other`.
 */
export function parseWwwAuthenticate(header: string | undefined): AuthChallenge | undefined {
  const match = /^\s*([A-Za-z][\w-]*)(?:\s+(.*))?$/s.exec(header ?? '');
  if (!match) return undefined;
  const name = match[1] as string;
  const params = readParams(match[2] ?? '');
  const scheme = name.toLowerCase();
  const realm = params.get('realm');
  if (scheme === 'basic') return realm === undefined ? { scheme } : { scheme, realm };
  if (scheme === 'bearer' && realm) {
    const service = params.get('service');
    const scope = params.get('scope');
    return {
      scheme,
      realm,
      ...(service !== undefined ? { service } : {}),
      ...(scope !== undefined ? { scope } : {}),
    };
  }
  return { scheme: 'other', name };
}
