import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deviceSecrets, PLAIN_TEXT_KEYCHAIN_WARNING, type SecretCipher } from '../../electron/device-secrets';
import { existsSync } from 'node:fs';

/** A stand-in keychain: reversible, and visibly not plain text. */
function cipher(available = true): SecretCipher {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`),
    decryptString: (sealed) => {
      const text = sealed.toString();
      if (!text.startsWith('sealed:')) throw new Error('not ours');
      return Buffer.from(text.slice('sealed:'.length), 'base64').toString();
    },
  };
}

const file = () => join(mkdtempSync(join(tmpdir(), 'pos-secrets-')), 'device-token.bin');

describe('device secrets (Electron safeStorage)', () => {
  it('keeps the token encrypted on disk, readable only by this user, and gives it back', async () => {
    const path = file();
    const secrets = deviceSecrets(cipher(), path);
    expect(await secrets.getToken()).toBeNull();
    await secrets.setToken('tok_abc123');
    expect(readFileSync(path, 'utf8')).not.toContain('tok_abc123');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await deviceSecrets(cipher(), path).getToken()).toBe('tok_abc123');
  });

  it('forgets the token, and refuses what is not one', async () => {
    const secrets = deviceSecrets(cipher(), file());
    await secrets.setToken('tok_abc123');
    await secrets.setToken(null);
    expect(await secrets.getToken()).toBeNull();
    for (const bad of ['', 42, { token: 'x' }, 'x'.repeat(513)]) await expect(secrets.setToken(bad)).rejects.toThrow(/non-empty string/);
  });

  it('stores nothing without a keychain, and reads a file it cannot decrypt as no token', async () => {
    const path = file();
    await expect(deviceSecrets(cipher(false), path).setToken('tok_abc123')).rejects.toThrow(/no keychain/);
    expect(await deviceSecrets(cipher(), path).getToken()).toBeNull();
    await deviceSecrets(cipher(), path).setToken('tok_abc123');
    const other: SecretCipher = { ...cipher(), decryptString: () => { throw new Error('another user'); } };
    expect(await deviceSecrets(other, path).getToken()).toBeNull();
  });

  it('keeps the token in memory only, and warns, where Linux has no keyring (safeStorage backend basic_text)', async () => {
    const path = file();
    const warnings: string[] = [];
    const plain: SecretCipher = { ...cipher(), getSelectedStorageBackend: () => 'basic_text' };
    await deviceSecrets(cipher(), path, 'linux').setToken('tok_old');
    const secrets = deviceSecrets(plain, path, 'linux', (message) => warnings.push(message));
    await secrets.setToken('tok_abc123');
    expect(existsSync(path)).toBe(false);
    expect(warnings).toEqual([PLAIN_TEXT_KEYCHAIN_WARNING]);
    expect(await secrets.getToken()).toBe('tok_abc123');
    expect(await deviceSecrets(plain, path, 'linux').getToken()).toBeNull();
    // A real keyring, or another platform, keeps it encrypted on disk.
    const keyring: SecretCipher = { ...cipher(), getSelectedStorageBackend: () => 'gnome_libsecret' };
    await deviceSecrets(keyring, path, 'linux').setToken('tok_abc123');
    expect(await deviceSecrets(keyring, path, 'linux').getToken()).toBe('tok_abc123');
    await deviceSecrets(plain, path, 'darwin').setToken('tok_mac');
    expect(existsSync(path)).toBe(true);
  });
});
