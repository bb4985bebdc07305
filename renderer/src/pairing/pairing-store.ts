import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { PairResponseBody } from '../../../shared/protocol';
import { pairingStorage } from './pairing-storage';

export interface Pairing extends PairResponseBody {
  serverUrl: string;
  name: string;
}

interface PairingState {
  pairing: Pairing | null;
  setPairing(pairing: Pairing): void;
  forget(): void;
}

/** Which server and business this register belongs to; survives restarts. */
export const usePairing = create<PairingState>()(
  persist(
    (set) => ({
      pairing: null,
      setPairing: (pairing) => set({ pairing }),
      forget: () => set({ pairing: null }),
    }),
    { name: 'pos.pairing', storage: createJSONStorage(() => pairingStorage(localStorage, window.pos)) },
  ),
);
