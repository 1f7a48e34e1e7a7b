// A stand-in for Electron's safeStorage: AES-256-GCM with a random key held in memory (one key per "user session").
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keychain } from '../../src-main/registries/keychain';

/** A keychain with a fresh random key; pass `key` to make a second one of the same "session". */
export function testKeychain(key: Buffer = randomBytes(32)): Keychain & { key: Buffer } {
  return {
    key,
    isAvailable: () => true,
    encrypt(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(data) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
