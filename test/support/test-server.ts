import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { newId } from '../../shared/ids';
import { buildApp, type AppOptions } from '../../sync-server/app';
import { openDb, type Db } from '../../sync-server/db/connect';
import type { StripeSettings } from '../../sync-server/stripe/config';
import { createPairingCode, createTenant, type CreatedTenant } from '../../sync-server/tenants/tenants';
import type { PairResponseBody } from '../../shared/protocol';
import { pinnedClock } from './clock';

export type DbKind = 'pglite' | 'postgres';

/** The databases server tests run on: PGlite always, PostgreSQL where the global setup has one. */
export function databaseKinds(): DbKind[] {
  return inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];
}

export async function freshPostgresDatabase(): Promise<string> {
  const base = inject('postgresUrl');
  const name = `pos_test_${newId().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestServer {
  url: string;
  app: FastifyInstance;
  db: Db;
  /** The server's clock (`options.app.now`, or one pinned to TEST_NOW): support code that writes rows uses it too. */
  now: () => Date;
  /** A new business with one location, and a registered device for it. */
  newTenant(name?: string): Promise<CreatedTenant & { pairingCode: string }>;
  pair(pairingCode: string, name?: string): Promise<PairResponseBody>;
  close(): Promise<void>;
}

/** `host`: the address to listen on (default 127.0.0.1); `url` always names the loopback address. */
export async function startTestServer(kind: DbKind, options: { rendererDir?: string; demo?: boolean; stripe?: StripeSettings; app?: Partial<AppOptions>; host?: string } = {}): Promise<TestServer> {
  const db = await openDb(kind === 'postgres' ? { databaseUrl: await freshPostgresDatabase() } : {});
  const now = options.app?.now ?? pinnedClock();
  let demo = null;
  if (options.demo) {
    const { ensureDemo } = await import('../../sync-server/demo/seed-demo');
    demo = await ensureDemo(db.kysely, now());
  }
  // Tests never reach Stripe: without a fake's settings the server runs with no Stripe key.
  // Suites pair many registers from one address; the pairing limit has a test of its own.
  const app = await buildApp({
    db, demo, rendererDir: options.rendererDir ?? null, stripe: options.stripe ?? { secretKey: null }, pairRateLimit: { max: 10_000, timeWindow: 60_000 }, ...options.app, now,
  });
  const listening = new URL(await app.listen({ port: 0, host: options.host ?? '127.0.0.1' }));
  const url = `http://127.0.0.1:${listening.port}`;
  return {
    url,
    app,
    db,
    now,
    async newTenant(name = 'Test salon') {
      const tenant = await createTenant(db.kysely, { name, location: { name: 'Front', timeZone: 'America/Chicago', currency: 'USD' } }, now());
      // Tests pair several registers with one code.
      return { ...tenant, pairingCode: await createPairingCode(db.kysely, tenant, now(), undefined, true) };
    },
    async pair(pairingCode, name = 'Register') {
      const response = await fetch(`${url}/api/v1/devices/pair`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ pairingCode, name }),
      });
      if (response.status !== 201) throw new Error(`pairing failed: ${response.status} ${await response.text()}`);
      return (await response.json()) as PairResponseBody;
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}
