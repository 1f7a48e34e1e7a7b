// Logins kept by Berth in its data folder (registry-logins.json, mode 0600): user names plain, each secret encrypted
// by the OS keychain; written atomically, one change at a time.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CredentialVault } from './credential-vault';
import type { Keychain } from './keychain';
import type { StoredCredential } from './stored-credential';

/** The vault's file name in Berth's data folder. */
export const VAULT_FILE = 'registry-logins.json';
const VAULT_VERSION = 1;

/** One login in the file: `secret` is base64 of the keychain's encryption of the secret. */
interface VaultEntry {
  username: string;
  secret: string;
}

/** The vault file cannot be read; the message says which file and what to do. */
export class VaultFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultFileError';
  }
}

export class KeychainVault implements CredentialVault {
  readonly storage = 'keychain' as const;
  /** The vault file's path. */
  readonly file: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dataDir: string,
    private readonly keychain: Keychain,
  ) {
    this.file = join(dataDir, VAULT_FILE);
  }

  async get(server: string): Promise<StoredCredential | undefined> {
    const entry = (await this.serialized(() => this.read())).get(server);
    if (!entry) return undefined;
    try {
      return { username: entry.username, secret: this.keychain.decrypt(Buffer.from(entry.secret, 'base64')) };
    } catch {
      return undefined; // encrypted by another keychain (another user or machine): as good as no login
    }
  }

  async set(server: string, credential: StoredCredential): Promise<void> {
    const secret = this.keychain.encrypt(credential.secret).toString('base64');
    await this.serialized(async () => {
      const entries = await this.read();
      entries.set(server, { username: credential.username, secret });
      await this.write(entries);
    });
  }

  async delete(server: string): Promise<boolean> {
    return this.serialized(async () => {
      const entries = await this.read();
      if (!entries.delete(server)) return false;
      await this.write(entries);
      return true;
    });
  }

  async servers(): Promise<Map<string, string>> {
    const entries = await this.serialized(() => this.read());
    return new Map([...entries].map(([server, entry]) => [server, entry.username]));
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<Map<string, VaultEntry>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw new VaultFileError(`${this.file} could not be read (${(error as NodeJS.ErrnoException).code})`);
    }
    let parsed: { version?: unknown; logins?: unknown } | undefined;
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      parsed = undefined;
    }
    if (
      !parsed ||
      typeof parsed !== 'object' ||
      parsed.version !== VAULT_VERSION ||
      typeof parsed.logins !== 'object'
    ) {
      throw new VaultFileError(
        `${this.file} is not a registry login file this Berth can read; remove it to start again (its logins are lost)`,
      );
    }
    const entries = new Map<string, VaultEntry>();
    for (const [server, entry] of Object.entries(parsed.logins ?? {})) {
      const { username, secret } = (entry ?? {}) as Partial<VaultEntry>;
      if (typeof username === 'string' && typeof secret === 'string') entries.set(server, { username, secret });
    }
    return entries;
  }

  /** Writes a temporary file (mode 0600) beside the vault file and renames it over the file. */
  private async write(entries: Map<string, VaultEntry>): Promise<void> {
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    const text = `${JSON.stringify({ version: VAULT_VERSION, logins: Object.fromEntries(entries) }, null, 2)}\n`;
    const temporary = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, text, { mode: 0o600, flag: 'wx' });
      await rename(temporary, this.file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}
