import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Stored documents of a collection whose JSON field `field` is one of `values`, for one
 * tenant. The field is written as a literal so the expression indexes of migration 0006_audit_review serve it.
 */
export async function documentsWhere<T>(db: Db, tenantId: string, collection: string, field: 'orderId' | 'deviceId', values: string[]): Promise<T[]> {
  if (values.length === 0) return [];
  const rows = await db
    .selectFrom('documents')
    .select('data')
    .where('tenant_id', '=', tenantId)
    .where('collection', '=', collection)
    .where(sql<string>`data->>${sql.lit(field)}`, 'in', values)
    .where('deleted', '=', false)
    .execute();
  return rows.map((row) => row.data as unknown as T);
}
