import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { AuditJournal } from '../audit/journal';
import { openRegisterDatabase, type RegisterDatabase } from '../db/database';
import type { Pairing } from '../pairing/pairing-store';
import { startSync, type SyncHandle } from '../sync/replication';
import { openRegisterTerminal, type RegisterTerminal } from '../terminal/register-terminal';

export interface Register {
  db: RegisterDatabase;
  sync: SyncHandle;
  pairing: Pairing;
  /** This register's audit chain: one journal per open register, so appends stay serialized. */
  journal: AuditJournal;
  /** The card terminal: its driver, and the reconciler of pending terminal payments (on start and every reconnect). */
  terminal: RegisterTerminal;
  close(): Promise<void>;
}

/** One local database per business, replicating to the server it was paired with. */
export async function openRegister(pairing: Pairing): Promise<Register> {
  const db = await openRegisterDatabase({ name: `pos-${pairing.tenantId}`, storage: getRxStorageDexie() });
  const sync = startSync({
    db,
    target: { serverUrl: pairing.serverUrl, token: pairing.token, tenantId: pairing.tenantId },
  });
  const onOnline = () => sync.reSync();
  window.addEventListener('online', onOnline);
  const terminal = openRegisterTerminal(db, pairing);
  return {
    db,
    sync,
    pairing,
    journal: new AuditJournal(db, { tenantId: pairing.tenantId, locationId: pairing.locationId, deviceId: pairing.deviceId }),
    terminal,
    async close() {
      window.removeEventListener('online', onOnline);
      terminal.close();
      await sync.stop();
      await db.close();
    },
  };
}
