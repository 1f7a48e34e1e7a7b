// safeStorage as the logins' keychain: available only with real encryption (Linux's basic_text backend is not).
import { describe, expect, it } from 'vitest';
import { safeStorageKeychain, type SafeStorageLike } from '../../../src-main/electron/safe-storage-keychain';

/** A safeStorage stand-in: "encrypts" by reversing bytes, enough to see the calls pass through. */
function storage(available: boolean, backend: string): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend as ReturnType<SafeStorageLike['getSelectedStorageBackend']>,
    encryptString: (text) => Buffer.from(text).reverse(),
    decryptString: (data) => Buffer.from(data).reverse().toString(),
  };
}

describe('safeStorageKeychain', () => {
  it('is available with a real backend and passes encryption through', () => {
    const keychain = safeStorageKeychain(storage(true, 'gnome_libsecret'), 'linux');
    expect(keychain.isAvailable()).toBe(true);
    expect(keychain.decrypt(keychain.encrypt('secret'))).toBe('secret');
  });

  it("counts Linux's basic_text backend, and no encryption at all, as no keychain", () => {
    expect(safeStorageKeychain(storage(true, 'basic_text'), 'linux').isAvailable()).toBe(false);
    expect(safeStorageKeychain(storage(false, 'unknown'), 'darwin').isAvailable()).toBe(false);
    expect(safeStorageKeychain(storage(true, 'unknown'), 'darwin').isAvailable()).toBe(true);
  });
});
