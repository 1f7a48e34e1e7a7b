// Berth's own login file: secrets only encrypted by the keychain, mode 0600, read back by a new vault on the same
// folder with the same keychain, unreadable with another keychain.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KeychainVault, VAULT_FILE } from '../../../src-main/registries/keychain-vault';
import { MemoryVault } from '../../../src-main/registries/memory-vault';
import { bytesSecret, filesUnder, scan, textSecret } from '../../support/secret-scan';
import { testKeychain } from '../../support/test-keychain';

const dir = mkdtempSync(join(tmpdir(), 'berth-vault-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const secret = 'vault-pa55word-1234';

describe('KeychainVault', () => {
  const keychain = testKeychain();

  it('keeps a login with its secret encrypted, in a 0600 file', async () => {
    const vault = new KeychainVault(dir, keychain);
    await vault.set('127.0.0.1:5000', { username: 'berth', secret });
    const file = join(dir, VAULT_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain('"berth"');
    const secrets = [textSecret('password', secret), bytesSecret('password bytes', Buffer.from(secret))];
    expect(scan(secrets, filesUnder(dir))).toEqual([]);
    expect(await vault.get('127.0.0.1:5000')).toEqual({ username: 'berth', secret });
  });

  it('is read back by a new vault on the same folder, not by another keychain', async () => {
    expect(await new KeychainVault(dir, testKeychain(keychain.key)).get('127.0.0.1:5000')).toEqual({
      username: 'berth',
      secret,
    });
    const other = new KeychainVault(dir, testKeychain());
    expect(await other.get('127.0.0.1:5000')).toBeUndefined();
    expect(await other.servers()).toEqual(new Map([['127.0.0.1:5000', 'berth']]));
  });

  it('keeps concurrent changes and removes a login', async () => {
    const vault = new KeychainVault(dir, keychain);
    await Promise.all(['a.test', 'b.test', 'c.test'].map((s) => vault.set(s, { username: s, secret })));
    expect([...(await vault.servers()).keys()].sort()).toEqual(['127.0.0.1:5000', 'a.test', 'b.test', 'c.test']);
    expect(await vault.delete('b.test')).toBe(true);
    expect(await vault.delete('b.test')).toBe(false);
    expect((await vault.servers()).has('b.test')).toBe(false);
  });

  it('refuses a file it cannot read, saying what to do', async () => {
    const broken = mkdtempSync(join(dir, 'broken-'));
    writeFileSync(join(broken, VAULT_FILE), 'not json');
    await expect(new KeychainVault(broken, keychain).servers()).rejects.toThrow(/remove it to start again/);
  });
});

describe('MemoryVault', () => {
  it('keeps, lists and removes logins', async () => {
    const vault = new MemoryVault();
    await vault.set('docker.io', { username: 'me', secret });
    expect(await vault.get('docker.io')).toEqual({ username: 'me', secret });
    expect(await vault.servers()).toEqual(new Map([['docker.io', 'me']]));
    expect(await vault.delete('docker.io')).toBe(true);
    expect(await vault.get('docker.io')).toBeUndefined();
  });
});
