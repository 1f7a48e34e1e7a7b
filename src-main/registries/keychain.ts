// The OS keychain as logins use it: encrypts a text with a key only this user's session can use (Electron safeStorage).

export interface Keychain {
  /** Whether real encryption is available now (false in a browser, or on Linux without a keyring). */
  isAvailable(): boolean;
  encrypt(text: string): Buffer;
  /** @throws Error when `data` was not encrypted by this keychain. */
  decrypt(data: Buffer): string;
}
