/**
 * The Excel export of 100,000 payments (issue 15: memory growing by under 200 MB): the time
 * it takes and the process's peak resident memory above what it held before, sampled every
 * 20 ms, on the embedded PGlite. PAYMENTS sets the count.
 */
import { stat } from 'node:fs/promises';
import { sql } from 'kysely';
import { openDb } from '../../sync-server/db/connect';
import { composePaymentsExport } from '../../sync-server/notifications/payments-export/compose-export';
import { createTenant } from '../../sync-server/tenants/tenants';

const PAYMENTS = Number(process.env.PAYMENTS ?? 100_000);
const NOW = new Date('2026-12-01T00:00:00.000Z');

export default async function bench(): Promise<void> {
  const db = await openDb({});
  try {
    const tenant = await createTenant(db.kysely, { name: 'Bench', location: { name: 'Main', timeZone: 'UTC', currency: 'USD' } }, NOW);
    await sql`
      insert into payment_facts (payment_id, tenant_id, location_id, order_id, order_number, client_id, cashier_id, tender, mode, status, currency,
        amount, tip, fee, total, card_brand, card_last4, label, business_date, created_at, received_at)
      select gen_random_uuid()::text, ${tenant.tenantId}, ${tenant.locationId}, gen_random_uuid()::text, 'N-' || g, null, null, 'CASH', 'OFFLINE',
        'succeeded', 'USD', 1000 + g % 5000, g % 300, 0, 1000 + g % 5000 + g % 300, null, null, null, date '2026-11-01' + g % 28,
        timestamptz '2026-11-01T00:00:00Z' + g * interval '1 second', timestamptz '2026-11-01T00:00:00Z' + g * interval '1 second'
      from generate_series(1, ${PAYMENTS}) g
    `.execute(db.kysely);
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = performance.now();
    const mail = await composePaymentsExport(
      db.kysely,
      { id: 'bench', tenant_id: tenant.tenantId, location_id: tenant.locationId, payload: { filters: {}, receivedBy: NOW.toISOString() } },
      () => NOW,
    );
    const ms = performance.now() - started;
    clearInterval(sampler);
    const attachment = mail.attachments[0]!;
    const size = 'path' in attachment ? (await stat(attachment.path)).size : 0;
    await mail.cleanup?.();
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
    console.log(`Excel export of ${PAYMENTS} payments: ${(ms / 1000).toFixed(1)} s, ${mb(size)} MB file`);
    console.log(`peak memory ${mb(peak - before)} MB above the ${mb(before)} MB before (budget: under 200 MB)`);
  } finally {
    await db.close();
  }
}
