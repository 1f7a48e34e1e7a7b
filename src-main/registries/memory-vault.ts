// Logins kept in memory only, for where there is no keychain: gone when Berth quits.
import type { CredentialVault } from './credential-vault';
import type { StoredCredential } from './stored-credential';

export class MemoryVault implements CredentialVault {
  readonly storage = 'memory' as const;
  private readonly logins = new Map<string, StoredCredential>();

  async get(server: string): Promise<StoredCredential | undefined> {
    return this.logins.get(server);
  }

  async set(server: string, credential: StoredCredential): Promise<void> {
    this.logins.set(server, { ...credential });
  }

  async delete(server: string): Promise<boolean> {
    return this.logins.delete(server);
  }

  async servers(): Promise<Map<string, string>> {
    return new Map([...this.logins].map(([server, credential]) => [server, credential.username]));
  }
}
