// The OS keychain for registry logins, on Electron's safeStorage; Linux's basic_text backend (a fixed key, not real
// encryption) counts as no keychain, so logins then stay in memory.
import type { SafeStorage } from 'electron';
import type { Keychain } from '../registries/keychain';

/** What logins use of safeStorage. */
export type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

export function safeStorageKeychain(storage: SafeStorageLike, platform: NodeJS.Platform = process.platform): Keychain {
  return {
    isAvailable: () =>
      storage.isEncryptionAvailable() &&
      !(platform === 'linux' && storage.getSelectedStorageBackend() === 'basic_text'),
    encrypt: (text) => storage.encryptString(text),
    decrypt: (data) => storage.decryptString(data),
  };
}
