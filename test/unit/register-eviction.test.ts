import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { openRegisterDatabase, outboxId, quarantine, type RegisterDatabase } from '../../renderer/src/db/database';
import { askPersistentStorage } from '../../renderer/src/db/storage-persistence';
import { usePairing, type Pairing } from '../../renderer/src/pairing/pairing-store';
import { unpairRegister } from '../../renderer/src/pairing/unpair';

const pairing: Pairing = { deviceId: 'd1', token: 't', tenantId: 'tenant', locationId: 'loc', serverUrl: 'http://127.0.0.1:1', name: 'Front' };

describe('eviction', () => {
  let db: RegisterDatabase | null = null;
  afterEach(async () => {
    await db?.remove();
    db = null;
  });

  it('asks for persistent storage once it is not yet kept, and says when the browser refuses or cannot', async () => {
    const asked: string[] = [];
    const storage = (persisted: boolean, grant: boolean) => ({
      persisted: async () => (asked.push('persisted'), persisted),
      persist: async () => (asked.push('persist'), grant),
    });
    expect(await askPersistentStorage(storage(true, false))).toBe(true);
    expect(asked).toEqual(['persisted']);
    expect(await askPersistentStorage(storage(false, true))).toBe(true);
    expect(await askPersistentStorage(storage(false, false))).toBe(false);
    expect(await askPersistentStorage(undefined)).toBeNull();
  });

  it('refuses to unpair while anything waits to be sent or was refused, and says why; unpairs once all is sent', async () => {
    db = await openRegisterDatabase({ name: `evict${newId().replace(/-/g, '')}`, storage: getRxStorageMemory(), collections: [] });
    usePairing.setState({ pairing });
    await db.sync_outbox.insert({ id: outboxId('payments', 'p1'), collectionName: 'payments', docId: 'p1', createdAt: '2026-11-21T15:00:00.000Z' });
    expect(await unpairRegister(db)).toEqual({ ok: false, reason: expect.stringMatching(/^1 record has not reached the server yet\. Unpairing now would lose it/) });
    await quarantine(db, 'payments', [{ docId: 'p1', reason: 'label must not contain a NUL character' }]);
    expect((await unpairRegister(db)).ok).toBe(false);
    expect(usePairing.getState().pairing).toEqual(pairing);
    await db.sync_outbox.bulkRemove([outboxId('payments', 'p1')]);
    expect(await unpairRegister(db)).toEqual({ ok: true });
    expect(usePairing.getState().pairing).toBeNull();
  });
});
