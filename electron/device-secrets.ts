import { readFile, rm, writeFile } from 'node:fs/promises';

/** Electron's safeStorage, as far as the register uses it (the OS keychain encrypts). */
export interface SecretCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface DeviceSecrets {
  /** The register's device token, or null when it is not paired (or the file cannot be read back). */
  getToken(): Promise<string | null>;
  /** Keeps the token encrypted in `file`; null forgets it. */
  setToken(token: unknown): Promise<void>;
}

const MAX_TOKEN = 512;

/** The device token on disk, encrypted by the OS keychain; never readable by the page's storage. */
export function deviceSecrets(cipher: SecretCipher, file: string): DeviceSecrets {
  return {
    async getToken() {
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
      if (token === null) return rm(file, { force: true });
      if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN) throw new Error('A device token is a non-empty string.');
      if (!cipher.isEncryptionAvailable()) throw new Error('This machine has no keychain to encrypt the device token with.');
      await writeFile(file, cipher.encryptString(token), { mode: 0o600 });
    },
  };
}
