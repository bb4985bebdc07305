import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../shared/audit/index';
import { newId } from '../../shared/ids';
import type { AuditEventDoc } from '../../shared/schemas/index';
import { AuditJournal } from '../../renderer/src/audit/journal';
import { openRegisterDatabase, type RegisterDatabase } from '../../renderer/src/db/database';
import { REGISTER } from '../support/demo-settings';

const open: RegisterDatabase[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) if (!db.closed) await db.remove();
});

async function openDb(name = `j${newId().replace(/-/g, '')}`) {
  const db = await openRegisterDatabase({ name, storage: getRxStorageMemory(), collections: ['audit_events'] });
  open.push(db);
  return db;
}

const events = async (db: RegisterDatabase) => (await db.audit_events.find().exec()).map((doc) => doc.toJSON() as AuditEventDoc);

describe('the audit journal', () => {
  it('keeps one unbroken chain when many events are recorded at once', async () => {
    const db = await openDb();
    const journal = new AuditJournal(db, REGISTER);
    await Promise.all(Array.from({ length: 20 }, (_, i) => journal.record({ kind: 'sale', staffId: 's1', details: { total: i } })));
    const stored = await events(db);
    expect(stored.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(verifyChain(stored)).toMatchObject({ ok: true, length: 20 });
  });

  it('continues the chain from the database, as after a restart, and ignores other registers', async () => {
    const db = await openDb();
    await new AuditJournal(db, REGISTER).record({ kind: 'sign_in', staffId: 's1' });
    const other = { ...REGISTER, deviceId: newId() };
    await new AuditJournal(db, other).record({ kind: 'sign_in', staffId: 's2' });
    await new AuditJournal(db, REGISTER).record({ kind: 'drawer_open', staffId: 's1', details: { reason: 'no sale' } });
    const mine = (await events(db)).filter((e) => e.deviceId === REGISTER.deviceId);
    expect(mine.map((e) => [e.seq, e.kind])).toEqual([[1, 'sign_in'], [2, 'drawer_open']]);
    expect(verifyChain(mine)).toMatchObject({ ok: true, length: 2 });
  });

  it('survives a failed write without forking the chain', async () => {
    const db = await openDb();
    const journal = new AuditJournal(db, REGISTER);
    await expect(journal.record({ kind: 'sale', staffId: 's1', details: { note: 'x'.repeat(501) } })).rejects.toThrow();
    await journal.record({ kind: 'sale', staffId: 's1' });
    expect(verifyChain(await events(db))).toMatchObject({ ok: true, length: 1 });
  });
});
