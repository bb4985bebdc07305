import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Register } from '../app/open-register';

interface SyncState {
  /** The browser has a network and the last request to the server succeeded. */
  online: boolean;
  /** Documents written here that the server has not acknowledged. */
  waiting: number;
  lastSyncedAt: string | null;
  lastError: string | null;
}

export const useSyncStatus = create<SyncState>()(
  persist(() => ({ online: false, waiting: 0, lastSyncedAt: null, lastError: null }) as SyncState, {
    name: 'pos.sync',
    partialize: (state) => ({ lastSyncedAt: state.lastSyncedAt }),
  }),
);

/** Feeds the sync indicator from the replication and the outbox; returns the unsubscribe. */
export function watchSync(register: Register): () => void {
  const statusSub = register.sync.status$.subscribe((status) => {
    useSyncStatus.setState((state) => ({
      online: status.connected && navigator.onLine,
      lastSyncedAt: status.lastSyncedAt ?? state.lastSyncedAt,
      lastError: status.lastError,
    }));
  });
  const waitingSub = register.db.sync_outbox.count().$.subscribe((waiting) => useSyncStatus.setState({ waiting }));
  const offline = () => useSyncStatus.setState({ online: false });
  window.addEventListener('offline', offline);
  return () => {
    statusSub.unsubscribe();
    waitingSub.unsubscribe();
    window.removeEventListener('offline', offline);
  };
}
