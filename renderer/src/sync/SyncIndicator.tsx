import { formatLocalDateTime } from '../../../shared/time';
import { useSyncStatus } from './sync-store';

export function SyncIndicator({ timeZone }: { timeZone: string }) {
  const { online, waiting, lastSyncedAt, lastError } = useSyncStatus();
  const state = online ? (waiting ? 'syncing' : 'synced') : 'offline';
  const label = online ? 'Online' : 'Offline';
  return (
    <div className={`sync sync-${state}`} role="status" aria-label="Sync status" data-testid="sync-indicator" title={lastError ?? undefined}>
      <span className="dot" aria-hidden />
      <strong>{label}</strong>
      <span data-testid="sync-waiting">{waiting === 0 ? 'all sales sent' : `${waiting} waiting to send`}</span>
      <span className="muted">{lastSyncedAt ? `last synced ${formatLocalDateTime(lastSyncedAt, timeZone)}` : 'never synced'}</span>
    </div>
  );
}
