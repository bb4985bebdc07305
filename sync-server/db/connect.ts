import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrations';
import { pgliteDialect, PgliteSession } from './pglite-dialect';
import type { Database } from './schema';

export type ChangeListener = (payload: string) => void;

/** A raw SQL runner in the shape pg-boss takes as its `db`. */
export interface SqlRunner {
  /** Runs one statement with `$n` values, or several separated by `;` when there are none. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * The server's database: Kysely for queries, plus LISTEN/NOTIFY on the one channel that fans
 * replication changes out to every server instance.
 */
export interface Db {
  kysely: Kysely<Database>;
  kind: 'pglite' | 'postgres';
  /** Raw SQL outside Kysely, for the job queue; shares the database's connections. */
  sql: SqlRunner;
  listen(channel: string, listener: ChangeListener): Promise<void>;
  close(): Promise<void>;
}

export interface DbOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory; absent means in memory (tests). */
  dataDir?: string;
}

export async function openDb(options: DbOptions): Promise<Db> {
  const db = options.databaseUrl ? openPostgres(options.databaseUrl) : await openPglite(options.dataDir);
  await migrateToLatest(db.kysely as Kysely<unknown>);
  return db;
}

async function openPglite(dataDir: string | undefined): Promise<Db> {
  const pglite = await PGlite.create(dataDir);
  const session = new PgliteSession(pglite);
  const kysely = new Kysely<Database>({ dialect: pgliteDialect(session) });
  return {
    kysely,
    kind: 'pglite',
    sql: {
      async executeSql(text, values) {
        const release = await session.borrow();
        try {
          if (values && values.length > 0) return await pglite.query(text, values);
          const results = await pglite.exec(text);
          return { rows: results.at(-1)?.rows ?? [] };
        } finally {
          release();
        }
      },
    },
    async listen(channel, listener) {
      await pglite.listen(channel, listener);
    },
    async close() {
      await kysely.destroy();
      await pglite.close();
    },
  };
}

// int8 (sequences, counts) as numbers: they stay far below 2^53.
const types = {
  getTypeParser: (oid: number, format?: string) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format as 'text')),
};

function openPostgres(connectionString: string): Db {
  const pool = new pg.Pool({ connectionString, types, max: 10 });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let listener: pg.Client | null = null;
  let closing = false;

  async function connectListener(channel: string, onChange: ChangeListener): Promise<void> {
    const client = new pg.Client({ connectionString, types });
    client.on('notification', (message) => onChange(message.payload ?? ''));
    client.on('error', () => {
      // A dropped LISTEN connection is re-made; readers treat the gap as RESYNC.
      if (!closing) setTimeout(() => void connectListener(channel, onChange).then(() => onChange('')), 1000);
    });
    await client.connect();
    await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    listener = client;
  }

  return {
    kysely,
    kind: 'postgres',
    sql: { executeSql: (text, values) => pool.query(text, values) },
    listen: connectListener,
    async close() {
      closing = true;
      await listener?.end();
      await kysely.destroy();
    },
  };
}
