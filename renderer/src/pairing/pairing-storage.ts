import type { StateStorage } from 'zustand/middleware';
import type { PosBridge } from '../../../shared/bridge';

type Keychain = Pick<PosBridge, 'deviceToken' | 'setDeviceToken'>;
type Local = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

interface Persisted {
  state: { pairing: { token?: string } | null };
  version?: number;
}

const withoutToken = (saved: Persisted): Persisted => {
  if (!saved.state.pairing) return saved;
  const { token: _token, ...pairing } = saved.state.pairing;
  return { ...saved, state: { ...saved.state, pairing } };
};

/**
 * Where the pairing is kept. In a browser: localStorage. In Electron: localStorage without the
 * device token, which the preload keeps encrypted by the OS keychain (safeStorage). A token an
 * earlier version left in localStorage moves to the keychain; a machine without a keychain
 * keeps it in localStorage, as a browser does, and says so in the console.
 */
export function pairingStorage(local: Local, keychain: Keychain | undefined): StateStorage {
  if (!keychain) return local;
  const keep = async (name: string, saved: Persisted): Promise<void> => {
    const token = saved.state.pairing?.token ?? null;
    try {
      await keychain.setDeviceToken(token);
      local.setItem(name, JSON.stringify(withoutToken(saved)));
    } catch (error) {
      console.warn('The device token stays in local storage: the keychain refused it.', error);
      local.setItem(name, JSON.stringify(saved));
    }
  };
  return {
    async getItem(name) {
      const raw = local.getItem(name);
      if (raw === null) return null;
      const saved = JSON.parse(raw) as Persisted;
      if (!saved.state.pairing) return raw;
      if (saved.state.pairing.token) {
        await keep(name, saved);
        return raw;
      }
      const token = await keychain.deviceToken();
      // Paired, but the keychain lost the token (another OS user, a new machine): pair again.
      if (!token) return JSON.stringify({ ...saved, state: { ...saved.state, pairing: null } });
      return JSON.stringify({ ...saved, state: { ...saved.state, pairing: { ...saved.state.pairing, token } } });
    },
    setItem: (name, value) => keep(name, JSON.parse(value) as Persisted),
    async removeItem(name) {
      local.removeItem(name);
      await keychain.setDeviceToken(null);
    },
  };
}
