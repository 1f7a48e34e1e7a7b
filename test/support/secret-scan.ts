// Looks for secret values in what Berth hands out: text, JSON answers and every file under a folder, in the forms a secret may take.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A secret and the byte strings that give it away (the value itself, its hex or base64, a key's body lines). */
export interface Secret {
  name: string;
  forms: Buffer[];
}

/** A text secret, e.g. an env value. */
export function textSecret(name: string, value: string): Secret {
  return { name, forms: [Buffer.from(value)] };
}

/** A binary secret: its bytes, hex (either case), base64 and base64url. */
export function bytesSecret(name: string, bytes: Buffer): Secret {
  const hex = bytes.toString('hex');
  return {
    name,
    forms: [bytes, hex, hex.toUpperCase(), bytes.toString('base64'), bytes.toString('base64url')].map((f) =>
      typeof f === 'string' ? Buffer.from(f) : f,
    ),
  };
}

/**
 * An OpenSSH private key file: each base64 line of its body but the first (the first is the header every unencrypted
 * ed25519 key shares), and the whole file.
 */
export function privateKeySecret(name: string, pem: string): Secret {
  const body = pem.split('\n').filter((line) => line && !line.startsWith('-----'));
  return { name, forms: [Buffer.from(pem), ...body.slice(1).map((line) => Buffer.from(line))] };
}

/** One place a secret was found. */
export interface Finding {
  secret: string;
  where: string;
}

/** Where in `places` (label → content) each secret shows up in any of its forms. */
export function scan(secrets: readonly Secret[], places: ReadonlyArray<[string, Buffer | string]>): Finding[] {
  const findings: Finding[] = [];
  for (const [where, content] of places) {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    for (const secret of secrets) {
      if (secret.forms.some((form) => form.length > 0 && bytes.includes(form)))
        findings.push({ secret: secret.name, where });
    }
  }
  return findings;
}

/** Every file under `root` (recursively) as [path relative to root, content], except the paths `skip` accepts. */
export function filesUnder(root: string, skip: (path: string) => boolean = () => false): Array<[string, Buffer]> {
  const out: Array<[string, Buffer]> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const info = statSync(path);
      const rel = relative(root, path);
      if (skip(rel)) continue;
      if (info.isDirectory()) walk(path);
      else if (info.isFile()) out.push([rel, readFileSync(path)]);
    }
  };
  walk(root);
  return out;
}
