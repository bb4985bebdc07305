import type { PGlite } from '@electric-sql/pglite';
import { PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';

/**
 * Kysely's PostgreSQL dialect over one embedded PGlite. PGlite has a single session, so the
 * "pool" hands it to one borrower at a time: a transaction never interleaves with another
 * request's statements.
 */
export function pgliteDialect(pglite: PGlite): PostgresDialect {
  let tail: Promise<void> = Promise.resolve();

  async function query(sql: string, parameters: ReadonlyArray<unknown>) {
    const result = await pglite.query(sql, parameters as unknown[]);
    const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT';
    return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
  }

  const pool: PostgresPool = {
    async connect() {
      let release!: () => void;
      const previous = tail;
      tail = new Promise<void>((resolve) => (release = resolve));
      await previous;
      return { query, release } as unknown as PostgresPoolClient;
    },
    async end() {
      await tail;
    },
  };
  return new PostgresDialect({ pool });
}
