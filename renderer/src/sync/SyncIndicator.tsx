import { isManager } from '../../../shared/auth/index';
import { formatLocalDateTime } from '../../../shared/time';
import { useSession } from '../session/session-store';
import { useSyncStatus, type RefusedDocument } from './sync-store';

const SALE_COLLECTIONS = new Set(['orders', 'payments', 'adjustments']);

/** "1 sale could not be sent: ...", with the server's reason for each refused document. */
export function refusedNotice(refused: readonly RefusedDocument[]): string {
  const sales = refused.every((doc) => SALE_COLLECTIONS.has(doc.collection));
  const noun = `${sales ? 'sale' : 'record'}${refused.length === 1 ? '' : 's'}`;
  return `${refused.length} ${noun} could not be sent: ${refused.map((doc) => `${doc.collection} ${doc.docId}: ${doc.reason}`).join('; ')}`;
}

export function SyncIndicator({ timeZone }: { timeZone: string }) {
  const { online, waiting, refused, lastSyncedAt, lastError, storagePersisted } = useSyncStatus();
  const role = useSession((s) => s.user?.role);
  const manager = role !== undefined && isManager(role);
  const state = online ? (waiting ? 'syncing' : 'synced') : 'offline';
  const label = online ? 'Online' : 'Offline';
  return (
    <div className={`sync sync-${state}`} role="status" aria-label="Sync status" data-testid="sync-indicator" title={lastError ?? undefined}>
      <span className="dot" aria-hidden />
      <strong>{label}</strong>
      <span data-testid="sync-waiting">{waiting === 0 ? 'all sales sent' : `${waiting} waiting to send`}</span>
      {manager && refused.length > 0 && (
        <span className="sync-refused" role="alert" data-testid="sync-refused">
          {refusedNotice(refused)}
        </span>
      )}
      {storagePersisted === false && (
        <span className="sync-eviction" data-testid="storage-not-persisted">
          Storage not kept for good: the browser may clear unsent sales when the disk fills
        </span>
      )}
      <span className="muted">{lastSyncedAt ? `last synced ${formatLocalDateTime(lastSyncedAt, timeZone)}` : 'never synced'}</span>
    </div>
  );
}
