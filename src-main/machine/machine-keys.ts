// Per-install SSH keys for the VM: Berth's user key and the guest's host key, made once (ed25519, mode 0600) and reused.
import { randomBytes } from 'node:crypto';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ssh2, { type ParsedKey } from 'ssh2';
import { ensurePrivateFolder, tighten } from './private-folder';
import { fingerprintOf } from '../tunnel/host-key';

// ssh2 is CommonJS: Node's ESM loader sees only its default export.
const { utils } = ssh2;

export interface MachineKeys {
  /** Berth's private key, which logs in to the guest as root (OpenSSH format). */
  userPrivateKeyPath: string;
  /** Its public line, the guest's authorized_keys (fw_cfg opt/berth/authorized_keys). */
  userPublicKeyPath: string;
  /** The guest's host private key (fw_cfg opt/berth/ssh_host_ed25519_key). */
  hostPrivateKeyPath: string;
  hostPublicKeyPath: string;
  /** `ssh-ed25519 AAAA… berth` */
  userPublicKey: string;
  /** `ssh-ed25519 AAAA… berth-vm`: the only host key Berth accepts from the guest. */
  hostPublicKey: string;
  /** The host key in SSH wire format, as ssh2's `hostVerifier` receives it: compare with `equals`. */
  hostPublicKeyBlob: Buffer;
  /** `SHA256:…`, as `ssh-keygen -l` prints it. */
  hostKeyFingerprint: string;
}

const USER_KEY = 'id_ed25519';
const HOST_KEY = 'ssh_host_ed25519_key';

/**
 * Makes the two key pairs in `folder` the first time (folder mode 0700, every file 0600) and
 * reuses them afterwards, tightening modes that were loosened. Safe when two processes (the app
 * and the CLI) call it at once: one pair wins and both return it. Throws, naming the file, when a
 * private key there is not an ed25519 OpenSSH key (delete it and a new pair is made).
 */
export async function ensureMachineKeys(folder: string): Promise<MachineKeys> {
  await ensurePrivateFolder(folder);
  const user = await ensurePair(join(folder, USER_KEY), 'berth');
  const host = await ensurePair(join(folder, HOST_KEY), 'berth-vm');
  const hostPublicKeyBlob = host.key.getPublicSSH();
  return {
    userPrivateKeyPath: user.privatePath,
    userPublicKeyPath: user.publicPath,
    hostPrivateKeyPath: host.privatePath,
    hostPublicKeyPath: host.publicPath,
    userPublicKey: user.publicLine,
    hostPublicKey: host.publicLine,
    hostPublicKeyBlob,
    hostKeyFingerprint: fingerprintOf(hostPublicKeyBlob),
  };
}

interface Pair {
  privatePath: string;
  publicPath: string;
  key: ParsedKey;
  publicLine: string;
}

async function ensurePair(privatePath: string, comment: string): Promise<Pair> {
  const publicPath = `${privatePath}.pub`;
  let text = await readIfExists(privatePath);
  if (text === undefined) {
    const generated = generateEd25519(comment);
    text = (await createExclusive(privatePath, generated)) ?? generated;
  } else {
    await tighten(privatePath, 0o600);
  }
  const key = parsePrivate(privatePath, text);
  const publicLine = `${key.type} ${key.getPublicSSH().toString('base64')} ${key.comment || comment}`;
  if ((await readIfExists(publicPath))?.trim() !== publicLine) await replaceFile(publicPath, `${publicLine}\n`);
  else await tighten(publicPath, 0o600);
  return { privatePath, publicPath, key, publicLine };
}

/** Tries before giving up on generating a key that parses. */
const GENERATE_TRIES = 20;

/**
 * A new ed25519 private key in OpenSSH format. ssh2's generator writes a malformed key about once
 * in 280 (measured: 18 of 5000; OpenSSH's ssh-keygen rejects them too), so each one is parsed
 * before it is kept.
 */
export function generateEd25519(comment: string): string {
  for (let attempt = 0; attempt < GENERATE_TRIES; attempt++) {
    const generated = utils.generateKeyPairSync('ed25519', { comment }).private;
    const parsed = utils.parseKey(generated);
    if (!(parsed instanceof Error) && !Array.isArray(parsed) && parsed.isPrivateKey()) return generated;
  }
  throw new Error(`Could not generate a valid ed25519 key in ${GENERATE_TRIES} tries`);
}

function parsePrivate(path: string, text: string): ParsedKey {
  const parsed = utils.parseKey(text);
  if (parsed instanceof Error || Array.isArray(parsed) || !parsed.isPrivateKey() || parsed.type !== 'ssh-ed25519') {
    const why = parsed instanceof Error ? parsed.message : 'not an ed25519 private key';
    throw new Error(
      `The machine key ${path} is not a valid OpenSSH ed25519 private key (${why}); delete it and Berth makes a new pair`,
    );
  }
  return parsed;
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Creates `path` with `content` (mode 0600) only if it does not exist, atomically (no reader
 * ever sees half a key). Returns the content already there when another process won the race.
 */
async function createExclusive(path: string, content: string): Promise<string | undefined> {
  const temp = await writeTemp(path, content);
  try {
    await link(temp, path);
    return undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFile(path, 'utf8');
  } finally {
    await unlink(temp);
  }
}

async function replaceFile(path: string, content: string): Promise<void> {
  await rename(await writeTemp(path, content), path);
}

async function writeTemp(path: string, content: string): Promise<string> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, content, { mode: 0o600, flag: 'wx' });
  return temp;
}
