/**
 * The page side of dashboard.bench.ts, bundled by Vite and run in Chromium: the register's own
 * database code (RxDB on Dexie/IndexedDB) and its dashboard loader, seeded with synthetic
 * documents. Not part of the register build.
 */
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openRegisterDatabase, type RegisterDatabase } from '../../renderer/src/db/database';
import { loadDashboard } from '../../renderer/src/manager/dashboard-data';
import { reportCalendar } from '../../shared/reports/index';
import type { OrderDoc, PaymentDoc, StaffDoc } from '../../shared/schemas/index';

const TZ = 'America/New_York';
const SCOPE = { tenantId: 'bench-tenant', locationId: 'bench-location', deviceId: 'bench-device' };
const STAFF = ['s1', 's2', 's3', 's4'];
const dbs = new Map<string, RegisterDatabase>();

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const uuid = (prefix: number, n: number) => `${pad(prefix, 8)}-0000-7000-8000-${pad(n, 12)}`;
const dayOffset = (date: Date, days: number) => new Date(date.getTime() - days * 86_400_000);
const isoDate = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);

function order(id: string, createdAt: Date, price: number, staffId: string): OrderDoc {
  return {
    id, ...SCOPE, number: 'B-1', cashierId: null, clientId: null,
    lines: [{ id: `${id.slice(0, 30)}line00`, itemId: null, kind: 'service', name: 'Cut', quantity: 1, unitPrice: price, staffId, discount: 0, net: price, tax: 0, taxes: [], total: price }],
    taxInclusive: false, taxes: [], tipShares: [{ staffId, amount: 200 }], currency: 'USD', subtotal: price, discountTotal: 0, taxTotal: 0, tipTotal: 200, total: price,
    createdAt: createdAt.toISOString(), businessDate: isoDate(createdAt),
  };
}

function payment(id: string, orderId: string, createdAt: Date, amount: number, cash: boolean): PaymentDoc {
  return {
    id, ...SCOPE, orderId, tender: cash ? 'CASH' : 'CARD_EXTERNAL', mode: 'OFFLINE', status: 'succeeded', currency: 'USD', amount, tip: 200, fee: cash ? 0 : 45,
    tendered: cash ? amount + 200 : null, change: cash ? 0 : null, label: null, cardBrand: null, cardLast4: null, cashierId: null,
    createdAt: createdAt.toISOString(), businessDate: isoDate(createdAt),
  };
}

/** Writes straight into the storage (as a first sync would land them), in chunks: seeding is not what is measured. */
async function seed<T extends { id: string }>(collection: { storageInstance: { bulkWrite(rows: unknown[], context: string): Promise<unknown> } }, docs: T[]) {
  for (let i = 0; i < docs.length; i += 5000) {
    const rows = docs.slice(i, i + 5000).map((doc) => ({ document: { ...doc, _deleted: false, _attachments: {}, _rev: '1-seed', _meta: { lwt: Date.now() } } }));
    await collection.storageInstance.bulkWrite(rows, 'bench-seed');
  }
}

/**
 * A register with the same recent activity (40 payments a day over the last 70 days, with
 * their orders) and `history` older payments spread over the years before that.
 */
async function open(name: string, history: number, now: Date): Promise<number> {
  const db = await openRegisterDatabase({ name, storage: getRxStorageDexie(), collections: ['orders', 'payments', 'adjustments', 'staff', 'catalog'] });
  dbs.set(name, db);
  const staff: StaffDoc[] = STAFF.map((id, i) => ({
    id, tenantId: SCOPE.tenantId, locationIds: [SCOPE.locationId], name: `Staff ${i + 1}`, role: 'provider', providesServices: true,
    commissionRate: '45', tipCommissionRate: '100', active: true, pin: null, updatedAt: now.toISOString(),
  }) as unknown as StaffDoc);
  await seed(db.staff as never, staff);
  const orders: OrderDoc[] = [];
  const payments: PaymentDoc[] = [];
  let n = 0;
  for (let day = 0; day < 70; day++) {
    for (let k = 0; k < 40; k++) {
      const at = new Date(dayOffset(now, day).getTime() - k * 60_000);
      const o = order(uuid(1, ++n), at, 3000 + ((n * 37) % 9000), STAFF[n % STAFF.length]!);
      orders.push(o);
      payments.push(payment(uuid(2, n), o.id, at, o.total, n % 3 === 0));
    }
  }
  // History: before the oldest day the dashboard can look at (over 70 days ago), up to ~5 years back.
  for (let i = 0; i < history; i++) {
    const at = dayOffset(now, 71 + (i % 1800));
    payments.push(payment(uuid(3, i), uuid(4, i), at, 1000 + (i % 5000), i % 2 === 0));
  }
  await seed(db.orders as never, orders);
  await seed(db.payments as never, payments);
  return payments.length;
}

/** Closes a seeded database (its writes settle), or opens one seeded earlier. */
async function close(name: string): Promise<void> {
  await dbs.get(name)?.close();
  dbs.delete(name);
}
async function reopen(name: string): Promise<void> {
  dbs.set(name, await openRegisterDatabase({ name, storage: getRxStorageDexie(), collections: ['orders', 'payments', 'adjustments', 'staff', 'catalog'] }));
}

async function run(name: string, now: Date): Promise<{ ms: number; queryMs: number; month: number; documents: number }> {
  const db = dbs.get(name)!;
  const cal = reportCalendar(now, TZ);
  // RxDB answers a repeated query from its query cache; empty it so every run reads IndexedDB.
  for (const c of [db.orders, db.payments, db.adjustments, db.staff, db.catalog]) (c as unknown as { _queryCache: { _map: Map<string, unknown> } })._queryCache._map.clear();
  const start = performance.now();
  const dash = await loadDashboard(db, { timeZone: TZ, locationId: SCOPE.locationId }, { from: cal.monthStart, to: cal.today }, now);
  return { ms: performance.now() - start, queryMs: dash.timing.queryMs, month: dash.thisMonth, documents: dash.timing.documents };
}

declare global {
  interface Window {
    dashboardBench: { open: typeof open; close: typeof close; reopen: typeof reopen; run: typeof run };
  }
}
window.dashboardBench = { open, close, reopen, run };
