import { combineLatest } from 'rxjs';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Register } from '../app/open-register';
import { askPersistentStorage } from '../db/storage-persistence';

export interface RefusedDocument {
  collection: string;
  docId: string;
  reason: string;
}

interface SyncState {
  /** The browser has a network and the last request to the server succeeded. */
  online: boolean;
  /** Documents written here that wait to be sent (the refused ones not counted). */
  waiting: number;
  /** Documents the server refused (422), kept in the outbox's quarantine with its reason. */
  refused: RefusedDocument[];
  lastSyncedAt: string | null;
  lastError: string | null;
  /** The browser keeps this register's storage (true), may evict it (false), or cannot say (null). */
  storagePersisted: boolean | null;
}

export const useSyncStatus = create<SyncState>()(
  persist(() => ({ online: false, waiting: 0, refused: [], lastSyncedAt: null, lastError: null, storagePersisted: null }) as SyncState, {
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
  const outbox = register.db.sync_outbox;
  const waitingSub = combineLatest([outbox.count().$, outbox.find({ selector: { refusedAt: { $exists: true } } }).$]).subscribe(([noted, refused]) =>
    useSyncStatus.setState({
      waiting: noted - refused.length,
      refused: refused.map((row) => ({ collection: row.collectionName, docId: row.docId, reason: row.reason ?? '' })),
    }),
  );
  void askPersistentStorage().then((storagePersisted) => useSyncStatus.setState({ storagePersisted }));
  const offline = () => useSyncStatus.setState({ online: false });
  window.addEventListener('offline', offline);
  return () => {
    statusSub.unsubscribe();
    waitingSub.unsubscribe();
    window.removeEventListener('offline', offline);
  };
}
