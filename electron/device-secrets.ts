import { readFile, rm, writeFile } from 'node:fs/promises';

/** Electron's safeStorage, as far as the register uses it (the OS keychain encrypts). */
export interface SecretCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which secret store encrypts; `basic_text` is a key built into Chromium, no secret at all. */
  getSelectedStorageBackend?(): string;
}

export const PLAIN_TEXT_KEYCHAIN_WARNING =
  'No keyring (GNOME Keyring, KWallet) answers on this Linux desktop: safeStorage would only obfuscate the device token with a key built into Chromium. ' +
  'The token is kept in memory and never written to disk, so the register must be paired again after every restart until a keyring runs.';

/** On Linux without a keyring, safeStorage "encrypts" with a fixed key: as good as plain text on disk. */
export function keychainIsPlainText(cipher: SecretCipher, platform: NodeJS.Platform): boolean {
  return platform === 'linux' && cipher.getSelectedStorageBackend?.() === 'basic_text';
}

export interface DeviceSecrets {
  /** The register's device token, or null when it is not paired (or the file cannot be read back). */
  getToken(): Promise<string | null>;
  /** Keeps the token encrypted in `file`; null forgets it. */
  setToken(token: unknown): Promise<void>;
}

const MAX_TOKEN = 512;

/**
 * The device token on disk, encrypted by the OS keychain; never readable by the page's storage.
 * Where the keychain is plain text (Linux, `basic_text`), only in memory, with a warning.
 */
export function deviceSecrets(cipher: SecretCipher, file: string, platform: NodeJS.Platform = process.platform, warn: (message: string) => void = console.warn): DeviceSecrets {
  let inMemory: string | null = null;
  return {
    async getToken() {
      if (keychainIsPlainText(cipher, platform)) return inMemory;
      let encrypted: Buffer;
      try {
        encrypted = await readFile(file);
      } catch {
        return null;
      }
      if (!cipher.isEncryptionAvailable()) return null;
      try {
        return cipher.decryptString(encrypted);
      } catch (error) {
        // Written under another OS user or keychain: the register pairs again.
        console.warn('The saved device token cannot be decrypted; the register must be paired again.', error);
        return null;
      }
    },
    async setToken(token) {
      if (token === null) {
        inMemory = null;
        return rm(file, { force: true });
      }
      if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN) throw new Error('A device token is a non-empty string.');
      if (keychainIsPlainText(cipher, platform)) {
        warn(PLAIN_TEXT_KEYCHAIN_WARNING);
        inMemory = token;
        return rm(file, { force: true });
      }
      if (!cipher.isEncryptionAvailable()) throw new Error('This machine has no keychain to encrypt the device token with.');
      await writeFile(file, cipher.encryptString(token), { mode: 0o600 });
    },
  };
}
