// An SSH server's host key before it is trusted: what a first connect shows (the OpenSSH line and SHA256 fingerprint).
import ssh2 from 'ssh2';
import { fingerprintOf } from '../tunnel/host-key';

// ssh2 is CommonJS: Node's ESM loader sees only its default export.
const { Client } = ssh2;

export interface SeenHostKey {
  /** `ssh-ed25519 AAAA…`, as known_hosts holds it: what Berth pins once the user confirms it. */
  line: string;
  /** `SHA256:…`, as OpenSSH prints it on first connect. */
  fingerprint: string;
}

/** The key type named at the start of a key in SSH wire format (a uint32 length, then the name). */
function keyType(blob: Buffer): string {
  return blob.subarray(4, 4 + blob.readUInt32BE(0)).toString('latin1');
}

/** Connects as far as the key exchange, takes the host key the server presents and leaves without logging in. */
export function probeHostKey(host: string, port: number, timeoutMs = 15_000): Promise<SeenHostKey> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let seen: Buffer | undefined;
    const finish = () => {
      client.removeAllListeners();
      client.on('error', () => undefined);
      client.end();
      if (seen) resolve({ line: `${keyType(seen)} ${seen.toString('base64')}`, fingerprint: fingerprintOf(seen) });
    };
    client.once('error', (error) => {
      finish();
      if (!seen) reject(new Error(`Could not reach the SSH server at ${host}:${port}: ${error.message}`));
    });
    client.connect({
      host,
      port,
      username: 'berth-host-key-probe',
      readyTimeout: timeoutMs,
      hostVerifier: (key: Buffer) => {
        seen = Buffer.from(key);
        return false;
      },
    });
  });
}
