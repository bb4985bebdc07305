/**
 * Back-office queries over 1M payments of one tenant: the revenue, balance and all-time
 * endpoints (HTTP, auth, validation, JSON) timed beside the raw SQL aggregate each needs, in the
 * same run, on PGlite and (where the machine has PostgreSQL binaries) a throwaway PostgreSQL.
 * Budget (DESIGN): within 1.5x. The projection rows are loaded in bulk with generate_series: a
 * million payment_facts rows, their million location ledger rows and a million staff rows;
 * the documents table is not filled (the endpoints never read payments' documents).
 */
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { newId } from '../../shared/ids';
import type { StaffDoc } from '../../shared/schemas/index';
import { buildApp } from '../../sync-server/app';
import { createUser } from '../../sync-server/backoffice/admin';
import { balanceSql, clearingCutoff } from '../../sync-server/backoffice/balances';
import { allTimeSql, calendar, revenueWindowsSql } from '../../sync-server/backoffice/revenue';
import { openDb, type Db } from '../../sync-server/db/connect';
import type { Database } from '../../sync-server/db/schema';
import { upsertServerDocuments } from '../../sync-server/replication/store';
import { createTenant } from '../../sync-server/tenants/tenants';
import { startCluster } from '../support/postgres-cluster';
import { median } from './median';

const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? 1_000_000);
const NOW = new Date('2026-11-21T18:00:00Z');
const TIME_ZONE = 'America/New_York';
const RUNS = 9;
const BUDGET = 1.5;

async function load(db: Kysely<Database>, tenantId: string, locationId: string, staffId: string): Promise<void> {
  // A bulk load: drop the projection's secondary indexes, insert, then build them again (as the migrations define them).
  const { rows: indexes } = await sql<{ indexname: string; indexdef: string }>`
    select indexname, indexdef from pg_indexes
    where tablename in ('payment_facts', 'ledger_entries') and indexname not like '%_pkey'`.execute(db);
  for (const index of indexes) await sql.raw(`drop index ${index.indexname}`).execute(db);
  // Two years of business days, amounts and tenders varied by the row number.
  await sql`
    insert into payment_facts (payment_id, tenant_id, location_id, order_id, order_number, client_id, cashier_id, tender, mode, status, currency,
      amount, tip, fee, total, card_brand, card_last4, label, business_date, created_at, received_at)
    select 'p' || g, ${tenantId}, ${locationId}, 'o' || g, 'N' || g, null, null,
      (array['CASH','CARD_TERMINAL','CARD_EXTERNAL','ZELLE'])[1 + g % 4], case when g % 4 = 1 then 'ONLINE' else 'OFFLINE' end, 'succeeded', 'USD',
      1000 + (g * 7919) % 20000, (g * 31) % 1500, case when g % 4 = 1 then 30 + (g % 500) else 0 end,
      1000 + (g * 7919) % 20000 + (g * 31) % 1500, null, null, null,
      date '2026-11-21' - (g % 730)::int, timestamptz '2026-11-21 12:00Z' - make_interval(days => (g % 730)::int),
      timestamptz '2026-11-21 12:00Z' - make_interval(days => (g % 730)::int)
    from generate_series(1::bigint, ${PAYMENTS}::bigint) g`.execute(db);
  await sql`
    insert into ledger_entries (id, tenant_id, location_id, party, staff_id, type, source_id, payment_id, order_id, tender, mode, currency,
      business_date, received_at, gross, amount, tip, fee, description)
    select payment_id || ':location', tenant_id, location_id, 'location', '', 'CREDIT', payment_id, payment_id, order_id, tender, mode, currency,
      business_date, received_at, amount, amount, tip, fee, tender || ' payment'
    from payment_facts where tenant_id = ${tenantId}`.execute(db);
  await sql`
    insert into ledger_entries (id, tenant_id, location_id, party, staff_id, type, source_id, payment_id, order_id, tender, mode, currency,
      business_date, received_at, gross, amount, tip, fee, description)
    select order_id || ':staff:' || ${staffId}, tenant_id, location_id, 'staff', ${staffId}, 'CREDIT', order_id, null, order_id, null, null, currency,
      business_date, received_at, amount, amount * 45 / 100, tip, 0, 'Earnings'
    from payment_facts where tenant_id = ${tenantId}`.execute(db);
  for (const index of indexes) await sql.raw(index.indexdef).execute(db);
  await sql`vacuum analyze`.execute(db);
}

async function compare(name: string, endpoint: () => Promise<unknown>, raw: () => Promise<unknown>): Promise<boolean> {
  for (let i = 0; i < 2; i++) {
    await endpoint();
    await raw();
  }
  const e: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    await endpoint();
    e.push(performance.now() - t);
    t = performance.now();
    await raw();
    r.push(performance.now() - t);
  }
  const ratio = median(e) / median(r);
  const ok = ratio <= BUDGET;
  console.log(`  ${name.padEnd(28)} endpoint ${median(e).toFixed(1).padStart(7)} ms   raw SQL ${median(r).toFixed(1).padStart(7)} ms   ratio ${ratio.toFixed(2)}x ${ok ? 'ok' : `OVER ${BUDGET}x`}`);
  return ok;
}

async function benchOn(kind: string, db: Db): Promise<boolean> {
  const tenant = await createTenant(db.kysely, { name: 'Bench salon', location: { name: 'Main', timeZone: TIME_ZONE, currency: 'USD' } }, NOW);
  const staffId = newId();
  const staff: StaffDoc & { _deleted: boolean } = {
    id: staffId, tenantId: tenant.tenantId, locationIds: [tenant.locationId], name: 'Ana', role: 'provider', providesServices: true,
    commissionRate: '45', tipCommissionRate: '100', active: true, updatedAt: NOW.toISOString(), _deleted: false,
  };
  await upsertServerDocuments(db.kysely, 'staff', [staff], { ...tenant, deviceId: null }, NOW);
  const t = performance.now();
  await load(db.kysely, tenant.tenantId, tenant.locationId, staffId);
  console.log(`${kind}: loaded ${PAYMENTS.toLocaleString('en-US')} payments (+ ${(2 * PAYMENTS).toLocaleString('en-US')} ledger rows) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  await createUser({ db: db.kysely, now: () => NOW }, tenant.tenantId, { email: `owner.${kind}@bench.test`, name: 'Owner', role: 'owner', password: 'bench password 123' });
  const app = await buildApp({ db, now: () => NOW, clearingDelayHours: 48 });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `owner.${kind}@bench.test`, password: 'bench password 123' }),
    });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const get = (path: string) => async () => {
      const response = await fetch(`${url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return response.json();
    };
    const ctx = { db: db.kysely, now: () => NOW, clearingDelayHours: 48 };
    const { tenantId, locationId } = tenant;
    const results = [
      await compare('revenue (today/week/month)', get(`/revenue?locationId=${locationId}`), () => revenueWindowsSql(tenantId, locationId, calendar(NOW, TIME_ZONE)).execute(db.kysely)),
      await compare('balance of the location', get(`/balances?locationId=${locationId}`), () => balanceSql(tenantId, { locationId }, clearingCutoff(ctx)).execute(db.kysely)),
      await compare('balance of a staff member', get(`/balances?staffId=${staffId}`), () => balanceSql(tenantId, { staffId }, clearingCutoff(ctx)).execute(db.kysely)),
      await compare('all-time revenue', get(`/revenue/all-time?locationId=${locationId}`), () => allTimeSql(tenantId, [locationId]).execute(db.kysely)),
    ];
    return results.every(Boolean);
  } finally {
    await app.close();
  }
}

export default async function bench(): Promise<void> {
  const outcomes: boolean[] = [];
  const cluster = process.env.TEST_DATABASE_URL ? { url: process.env.TEST_DATABASE_URL, stop() {} } : await startCluster();
  if ('unavailable' in cluster) {
    console.log(`PostgreSQL: skipped (${cluster.unavailable})`);
  } else {
    const postgres = await openDb({ databaseUrl: cluster.url });
    try {
      outcomes.push(await benchOn('PostgreSQL', postgres));
    } finally {
      await postgres.close();
      cluster.stop();
    }
  }
  const pglite = await openDb({});
  try {
    outcomes.push(await benchOn('PGlite', pglite));
  } finally {
    await pglite.close();
  }
  console.log(`back-office queries within ${BUDGET}x of their raw SQL: ${outcomes.every(Boolean) ? 'yes' : 'NO'}`);
}
