/**
 * DESIGN budget: a register's push (schema validation, tenant/device scope, conflict checks,
 * the per-tenant sequence lock, audit review) keeps at least 40% of the throughput of a raw
 * multi-row INSERT of the same rows into the same table, measured in one run on the embedded
 * PGlite. Reported as documents per second and the ratio. The back office's projections
 * follow the sequence after the push (projections/projector.ts); their rate is printed beside.
 */
import { sql } from 'kysely';
import { newId } from '../../shared/ids';
import { openDb } from '../../sync-server/db/connect';
import { projectPending } from '../../sync-server/projections/projector';
import { pushDocuments } from '../../sync-server/replication/store';
import { createTenant } from '../../sync-server/tenants/tenants';
import { cashPayment } from '../support/documents';

const BATCHES = 40;
const BATCH_SIZE = 100;
const RECEIVED = new Date('2026-11-21T15:00:00.000Z');

export default async function bench(): Promise<void> {
  const db = await openDb({});
  try {
    const tenant = await createTenant(db.kysely, { name: 'Bench', location: { name: 'Main', timeZone: 'UTC', currency: 'USD' } }, RECEIVED);
    const device = { ...tenant, deviceId: newId(), token: '' };
    const batches = () =>
      Array.from({ length: BATCHES }, () => Array.from({ length: BATCH_SIZE }, (_, i) => ({ ...cashPayment(device, 100 + i), _deleted: false })));

    const rawBatches = batches();
    let seq = 1_000_000;
    const rawStart = performance.now();
    for (const batch of rawBatches) {
      await db.kysely
        .insertInto('documents')
        .values(batch.map((doc) => ({
          collection: 'raw_payments', id: doc.id, tenant_id: tenant.tenantId, location_id: doc.locationId, seq: ++seq,
          data: JSON.stringify(doc), deleted: false, device_id: device.deviceId, received_at: RECEIVED,
        })))
        .execute();
    }
    const rawMs = performance.now() - rawStart;

    const pushBatches = batches();
    const scope = { tenantId: tenant.tenantId, locationId: tenant.locationId, deviceId: device.deviceId };
    const pushStart = performance.now();
    for (const batch of pushBatches) await pushDocuments(db.kysely, 'payments', batch.map((doc) => ({ newDocumentState: doc })), scope, RECEIVED);
    const pushMs = performance.now() - pushStart;
    const projectStart = performance.now();
    await projectPending(db.kysely, tenant.tenantId);
    const projectMs = performance.now() - projectStart;
    const projected = await sql<{ n: number }>`select count(*)::int as n from payment_facts where tenant_id = ${tenant.tenantId}`.execute(db.kysely);
    if (projected.rows[0]?.n !== BATCHES * BATCH_SIZE) throw new Error('the projection missed payments');

    const stored = await sql<{ n: number }>`select count(*)::int as n from documents where collection = 'payments'`.execute(db.kysely);
    if (stored.rows[0]?.n !== BATCHES * BATCH_SIZE) throw new Error('the push stored the wrong number of documents');
    const docs = BATCHES * BATCH_SIZE;
    const rate = (ms: number) => Math.round((docs / ms) * 1000);
    console.log(`raw multi-row INSERT: ${rate(rawMs)} docs/s (${docs} docs in batches of ${BATCH_SIZE})`);
    console.log(`register push:        ${rate(pushMs)} docs/s`);
    console.log(`push keeps ${((rawMs / pushMs) * 100).toFixed(0)}% of the raw rate (budget: at least 40%)`);
    console.log(`(then projected for the back office: ${rate(projectMs)} docs/s)`);
  } finally {
    await db.close();
  }
}
