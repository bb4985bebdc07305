import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { pairingStorage } from '../../renderer/src/pairing/pairing-storage';

const PAIRING = { serverUrl: 'http://127.0.0.1:8787', name: 'Front', deviceId: 'dev-1', tenantId: 't-1', locationId: 'l-1', token: 'tok_secret_1' };

function localStore(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

function keychain(available = true) {
  const held = { token: null as string | null };
  return {
    held,
    deviceToken: () => Promise.resolve(held.token),
    setDeviceToken: (token: string | null) => (available ? Promise.resolve(void (held.token = token)) : Promise.reject(new Error('no keychain'))),
  };
}

function pairingStore(storage: ReturnType<typeof pairingStorage>) {
  return create<{ pairing: typeof PAIRING | null; setPairing(p: typeof PAIRING | null): void }>()(
    persist((set) => ({ pairing: null, setPairing: (pairing) => set({ pairing }) }), { name: 'pos.pairing', storage: createJSONStorage(() => storage) }),
  );
}

const hydrated = (store: ReturnType<typeof pairingStore>) =>
  new Promise<void>((resolve) => (store.persist.hasHydrated() ? resolve() : store.persist.onFinishHydration(() => resolve())));

describe('where the pairing is kept', () => {
  it('in Electron, keeps the device token in the keychain and the rest in localStorage, and reads both back', async () => {
    const local = localStore();
    const keys = keychain();
    const store = pairingStore(pairingStorage(local, keys));
    await hydrated(store);
    store.getState().setPairing(PAIRING);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(local.items.get('pos.pairing')).not.toContain('tok_secret_1');
    expect(keys.held.token).toBe('tok_secret_1');

    const reopened = pairingStore(pairingStorage(local, keys));
    await hydrated(reopened);
    expect(reopened.getState().pairing).toEqual(PAIRING);
  });

  it('moves a token an earlier version left in localStorage into the keychain', async () => {
    const local = localStore({ 'pos.pairing': JSON.stringify({ state: { pairing: PAIRING }, version: 0 }) });
    const keys = keychain();
    const store = pairingStore(pairingStorage(local, keys));
    await hydrated(store);
    expect(store.getState().pairing).toEqual(PAIRING);
    expect(keys.held.token).toBe('tok_secret_1');
    expect(local.items.get('pos.pairing')).not.toContain('tok_secret_1');
  });

  it('asks to pair again when the keychain no longer has the token, and forgets it on unpairing', async () => {
    const local = localStore({ 'pos.pairing': JSON.stringify({ state: { pairing: { ...PAIRING, token: undefined } }, version: 0 }) });
    const keys = keychain();
    const store = pairingStore(pairingStorage(local, keys));
    await hydrated(store);
    expect(store.getState().pairing).toBeNull();
    keys.held.token = 'tok_old';
    store.getState().setPairing(null);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(keys.held.token).toBeNull();
  });

  it('without a keychain (or in a browser) keeps the whole pairing in localStorage', async () => {
    const local = localStore();
    const store = pairingStore(pairingStorage(local, keychain(false)));
    await hydrated(store);
    store.getState().setPairing(PAIRING);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(JSON.parse(local.items.get('pos.pairing')!).state.pairing.token).toBe('tok_secret_1');

    const browser = localStore();
    expect(pairingStorage(browser, undefined)).toBe(browser);
  });
});
