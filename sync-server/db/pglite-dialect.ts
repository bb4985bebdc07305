import type { PGlite } from '@electric-sql/pglite';
import { PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';

/**
 * PGlite has a single session: whoever uses it (Kysely, the job queue) borrows it whole, one
 * borrower at a time, so a transaction never interleaves with another caller's statements.
 */
export class PgliteSession {
  private tail: Promise<void> = Promise.resolve();

  constructor(readonly pglite: PGlite) {}

  /** Waits for the session and returns the function that gives it back. */
  async borrow(): Promise<() => void> {
    let release!: () => void;
    const previous = this.tail;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    return release;
  }

  /** Waits for the borrowers so far. */
  async drain(): Promise<void> {
    await this.tail;
  }
}

/** Kysely's PostgreSQL dialect over the embedded PGlite session. */
export function pgliteDialect(session: PgliteSession): PostgresDialect {
  async function query(sql: string, parameters: ReadonlyArray<unknown>) {
    const result = await session.pglite.query(sql, parameters as unknown[]);
    const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT';
    return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
  }

  const pool: PostgresPool = {
    async connect() {
      const release = await session.borrow();
      return { query, release } as unknown as PostgresPoolClient;
    },
    async end() {
      await session.drain();
    },
  };
  return new PostgresDialect({ pool });
}
