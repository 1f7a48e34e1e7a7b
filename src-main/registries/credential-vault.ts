// Where Berth keeps logins itself when no credential helper does: the keychain-encrypted file, or memory.
import type { StoredCredential } from './stored-credential';

export interface CredentialVault {
  readonly storage: 'keychain' | 'memory';
  /** The login for a normalised server; undefined when none (or it cannot be decrypted any more). */
  get(server: string): Promise<StoredCredential | undefined>;
  set(server: string, credential: StoredCredential): Promise<void>;
  /** Removes the login; false when there was none. */
  delete(server: string): Promise<boolean>;
  /** Server → user name of every login kept. */
  servers(): Promise<Map<string, string>>;
}
