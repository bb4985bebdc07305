import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';

/** One tenant's documents of a collection by id, as stored (tombstones included). */
export async function documentsById<T>(
  db: Kysely<Database> | Transaction<Database>,
  tenantId: string,
  collection: string,
  ids: readonly string[],
): Promise<Map<string, T>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('documents')
    .select(['id', 'data'])
    .where('collection', '=', collection)
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, row.data as T]));
}
