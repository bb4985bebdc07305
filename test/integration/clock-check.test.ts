import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';

// Under `npm run test:clock` (scripts/test-clock.sh) the machine's clock is moved with
// libfaketime and CLOCK_EXPECTED_MS says where to: this runs first and stops the run unless
// Node, PGlite and the throwaway PostgreSQL cluster all see that time. In a normal run it
// checks that the three agree.
const TOLERANCE_MS = 10 * 60_000;
const expected = process.env.CLOCK_EXPECTED_MS ? Number(process.env.CLOCK_EXPECTED_MS) : null;

async function pgliteNow(): Promise<number> {
  const db = new PGlite();
  try {
    const { rows } = await db.query<{ ms: string }>('select (extract(epoch from now()) * 1000)::bigint::text as ms');
    return Number(rows[0]!.ms);
  } finally {
    await db.close();
  }
}

async function postgresNow(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ ms: string }>('select (extract(epoch from now()) * 1000)::bigint::text as ms');
    return Number(rows[0]!.ms);
  } finally {
    await client.end();
  }
}

describe('the clock a test run sees', () => {
  it('is one clock: Node, PGlite and PostgreSQL agree, on the shifted date when the run is shifted', async () => {
    const node = Date.now();
    const clocks: Record<string, number> = { node, pglite: await pgliteNow() };
    const url = inject('postgresUrl');
    if (url) clocks.postgres = await postgresNow(url);
    else expect(process.env.CI, 'CI needs PostgreSQL').toBeFalsy();
    const reference = expected ?? node;
    const within = Object.fromEntries(Object.entries(clocks).map(([name, ms]) => [name, Math.abs(ms - reference) <= TOLERANCE_MS]));
    const shown = Object.entries(clocks).map(([name, ms]) => `${name} ${new Date(ms).toISOString()}`).join(', ');
    expect(within, `expected ${new Date(reference).toISOString()} ± 10 min; saw ${shown}`).toEqual(Object.fromEntries(Object.keys(clocks).map((name) => [name, true])));
  });
});
