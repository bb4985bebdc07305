/**
 * DESIGN budget: the first sync of 100k documents into an empty register runs at least at half
 * the rate of a raw bulk insert of the same documents into the same storage (RxDB's memory
 * storage here, in one process), measured in one run against the real server on PGlite.
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { newId } from '../../shared/ids';
import { openRegisterDatabase } from '../../renderer/src/db/database';
import { startSync } from '../../renderer/src/sync/replication';
import { buildApp } from '../../sync-server/app';
import { openDb } from '../../sync-server/db/connect';
import { createPairingCode, createTenant } from '../../sync-server/tenants/tenants';
import { cashPayment } from '../support/documents';
import { median } from './median';

const DOCS = Number(process.env.FIRST_SYNC_DOCS ?? 100_000);
const ROUNDS = 5;
const NOW = new Date('2026-11-21T15:00:00.000Z');

export default async function bench(): Promise<void> {
  const db = await openDb({});
  const app = await buildApp({ db, now: () => NOW });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const tenant = await createTenant(db.kysely, { name: 'Bench', location: { name: 'Main', timeZone: 'UTC', currency: 'USD' } }, NOW);
    const pairing = await fetch(`${url}/api/v1/devices/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pairingCode: await createPairingCode(db.kysely, tenant, NOW), name: 'bench' }),
    }).then((r) => r.json());
    const docs = Array.from({ length: DOCS }, (_, i) => ({ ...cashPayment(pairing, 100 + (i % 5000)), _deleted: false }));
    for (let i = 0; i < docs.length; i += 1000) {
      const batch = docs.slice(i, i + 1000);
      await db.kysely
        .insertInto('documents')
        .values(batch.map((doc, j) => ({
          collection: 'payments', id: doc.id, tenant_id: tenant.tenantId, location_id: doc.locationId, seq: i + j + 1,
          data: JSON.stringify(doc), deleted: false, device_id: pairing.deviceId, received_at: NOW,
        })))
        .execute();
    }
    await db.kysely.updateTable('tenant_seq').set({ seq: DOCS }).where('tenant_id', '=', tenant.tenantId).execute();

    const open = () => openRegisterDatabase({ name: `b${newId().replace(/-/g, '')}`, storage: getRxStorageMemory(), collections: ['payments'] });
    const rawRound = async () => {
      const rawDb = await open();
      const start = performance.now();
      for (let i = 0; i < docs.length; i += 1000) await rawDb.payments.bulkInsert(docs.slice(i, i + 1000).map(({ _deleted, ...doc }) => doc));
      const ms = performance.now() - start;
      await rawDb.remove();
      return ms;
    };
    const syncRound = async () => {
      const register = await open();
      const start = performance.now();
      const sync = startSync({ db: register, target: { serverUrl: url, token: pairing.token, tenantId: tenant.tenantId }, live: false, pullBatchSize: 1000 });
      await sync.awaitInSync();
      const ms = performance.now() - start;
      const count = await register.payments.count().exec();
      await sync.stop();
      await register.remove();
      if (count !== DOCS) throw new Error(`first sync brought ${count} of ${DOCS} documents`);
      return ms;
    };
    // Rounds alternate, and medians are compared: one round on a shared machine swings by a third.
    const raw: number[] = [];
    const synced: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      raw.push(await rawRound());
      synced.push(await syncRound());
    }
    const rawMs = median(raw);
    const syncMs = median(synced);

    const rate = (ms: number) => Math.round((DOCS / ms) * 1000);
    console.log(`raw bulkInsert into the register's storage: ${rate(rawMs)} docs/s (${DOCS} docs, median of ${ROUNDS})`);
    console.log(`first sync from the server:                 ${rate(syncMs)} docs/s (median of ${ROUNDS})`);
    console.log(`first sync runs at ${((rawMs / syncMs) * 100).toFixed(0)}% of the raw rate (budget: at least 50%)`);
  } finally {
    await app.close();
    await db.close();
  }
}
