/**
 * Queue throughput (issue 15's budget: at least 0.5x): receipts requested, queued and delivered
 * through the job queue on the embedded PGlite to a local SMTP sink, against the same receipts
 * composed and sent straight through nodemailer in the same run, as many at a time as a queue
 * worker runs (20). BENCH_NOTIFICATIONS sets the count (default 10,000).
 */
import { newId } from '../../shared/ids';
import { openDb } from '../../sync-server/db/connect';
import { JobQueue } from '../../sync-server/jobs/queue';
import { installDelivery } from '../../sync-server/notifications/delivery';
import { recordRequests } from '../../sync-server/notifications/log';
import { createMailer, messageIdFor } from '../../sync-server/notifications/mailer';
import { composeReceipt } from '../../sync-server/notifications/receipt/compose';
import { upsertServerDocuments } from '../../sync-server/replication/store';
import { createTenant } from '../../sync-server/tenants/tenants';
import { settings } from '../support/demo-settings';
import { makeSale } from '../support/sales';
import { SmtpSink } from '../support/smtp-sink';

const COUNT = Number(process.env.BENCH_NOTIFICATIONS ?? 10_000);
const AT_ONCE = 20;
const NOW = new Date('2026-11-20T15:00:00.000Z');

export default async function bench(): Promise<void> {
  const sink = new SmtpSink();
  await sink.start();
  const db = await openDb({});
  const mailer = createMailer({ smtpUrl: sink.url, from: 'Bench <receipts@bench.test>' });
  const log = { info: () => undefined, warn: () => undefined, error: (...args: unknown[]) => console.error(...args) };
  const queue = new JobQueue(db, log, () => NOW, { pollingIntervalSeconds: 0.5, batchSize: AT_ONCE });
  try {
    const tenant = await createTenant(db.kysely, { name: 'Bench', location: { name: 'Main', timeZone: 'America/Chicago', currency: 'USD' } }, NOW);
    const scope = { tenantId: tenant.tenantId, locationId: tenant.locationId, deviceId: null };
    const location = settings({ id: tenant.locationId, tenantId: tenant.tenantId, locationId: tenant.locationId, taxes: [] });
    await upsertServerDocuments(db.kysely, 'settings', [{ ...location, _deleted: false }], scope, NOW);
    const device = { ...tenant, deviceId: newId(), token: '' };
    const sale = makeSale(device, {
      createdAt: NOW.toISOString(), timeZone: 'America/Chicago', number: 'B-1', tip: 0, taxes: [], rates: [],
      lines: [{ kind: 'product', unitPrice: 2500 }], tenders: [{ tender: 'CASH', mode: 'OFFLINE' }],
    });
    await upsertServerDocuments(db.kysely, 'orders', [{ ...sale.order, _deleted: false }], { ...scope, deviceId: device.deviceId }, NOW);
    await upsertServerDocuments(db.kysely, 'payments', sale.payments.map((p) => ({ ...p, _deleted: false })), { ...scope, deviceId: device.deviceId }, NOW);

    const straightStart = performance.now();
    for (let sent = 0; sent < COUNT; sent += AT_ONCE) {
      await Promise.all(Array.from({ length: Math.min(AT_ONCE, COUNT - sent) }, async (_, i) => {
        const mail = await composeReceipt(db.kysely, tenant.tenantId, tenant.locationId, sale.order.id);
        await mailer.send({ ...mail, to: `straight${sent + i}@example.com`, messageId: messageIdFor(newId(), mailer.from) });
      }));
    }
    const straightMs = performance.now() - straightStart;
    await sink.waitFor(COUNT, 600_000);

    installDelivery({ db: db.kysely, queue, mailer, now: () => NOW, log, missingGraceMs: 600_000 });
    await queue.start();
    const queuedStart = performance.now();
    const requests = Array.from({ length: COUNT }, (_, i) => ({
      id: newId(), tenantId: tenant.tenantId, locationId: tenant.locationId, kind: 'receipt', channel: 'email',
      recipient: `queued${i}@example.com`, orderId: sale.order.id, requestedAt: NOW,
    }));
    for (let i = 0; i < COUNT; i += 500) {
      const ids = await recordRequests(db.kysely, requests.slice(i, i + 500));
      for (const id of ids) await queue.send('notifications.deliver', { notificationId: id }, { id });
    }
    await sink.waitFor(2 * COUNT, 1_800_000);
    const queuedMs = performance.now() - queuedStart;

    const rate = (ms: number) => Math.round((COUNT / ms) * 1000);
    console.log(`straight through nodemailer: ${rate(straightMs)} receipts/s (${COUNT} composed and sent, ${AT_ONCE} at a time)`);
    console.log(`through the job queue:       ${rate(queuedMs)} receipts/s (requested, queued, delivered, logged)`);
    console.log(`the queue keeps ${(straightMs / queuedMs).toFixed(2)}x of the straight rate (budget: at least 0.5x)`);
  } finally {
    await queue.stop();
    mailer.close();
    await db.close();
    await sink.stop();
  }
}
