// The guest's pinned SSH host key: parsed from its OpenSSH public line, with the fingerprint OpenSSH shows.
import { createHash } from 'node:crypto';
import ssh2, { type KeyType, type ServerHostKeyAlgorithm } from 'ssh2';

// ssh2 is CommonJS: Node's ESM loader sees only its default export.
const { utils } = ssh2;

export interface PinnedHostKey {
  type: KeyType;
  /** The key in SSH wire format, as the server presents it during key exchange. */
  blob: Buffer;
  /** `SHA256:…`, as `ssh-keygen -l` prints it. */
  fingerprint: string;
}

/** Parses `ssh-ed25519 AAAA… [comment]`; throws a clear error for anything that is not one public key. */
export function parseOpenSshPublicKey(line: string): PinnedHostKey {
  const parsed = utils.parseKey(line.trim());
  if (parsed instanceof Error) {
    throw new Error(
      `The pinned SSH host key is not an OpenSSH public key line ("ssh-ed25519 AAAA…"): ${parsed.message}`,
    );
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key.isPrivateKey()) {
    throw new Error('The pinned SSH host key must be the public key line, not a private key');
  }
  const blob = key.getPublicSSH();
  return { type: key.type, blob, fingerprint: fingerprintOf(blob) };
}

/** `SHA256:<base64 without padding>` of a public key in SSH wire format, as OpenSSH shows it. */
export function fingerprintOf(blob: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The signature algorithms a server may use to prove it holds `key` (RSA keys have three). */
export function hostKeyAlgorithmsFor(key: PinnedHostKey): ServerHostKeyAlgorithm[] {
  if (key.type === 'ssh-rsa') return ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
  return [key.type];
}
