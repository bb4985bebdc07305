import type { Transaction } from 'kysely';
import type { Database, OrderFlagsTable } from '../db/schema';

export type Flag = Pick<OrderFlagsTable, 'collection' | 'kind' | 'order_id' | 'reason' | 'amount' | 'currency'> & { documentId: string };

type FlagKey = Pick<Flag, 'collection' | 'documentId' | 'kind'>;

/** Sets a document aside for review, once: a flag raised again keeps its first detection time and takes the new reason. */
export async function raiseFlag(trx: Transaction<Database>, tenantId: string, { documentId, ...flag }: Flag, at: Date): Promise<void> {
  await trx
    .insertInto('order_flags')
    .values({ tenant_id: tenantId, document_id: documentId, ...flag, detected_at: at })
    .onConflict((oc) => oc.columns(['tenant_id', 'collection', 'document_id', 'kind']).doUpdateSet({ reason: flag.reason, amount: flag.amount }))
    .execute();
}

/** Clears a flag the documents no longer show (a late document made the sale whole). */
export async function clearFlag(trx: Transaction<Database>, tenantId: string, key: FlagKey): Promise<void> {
  await trx
    .deleteFrom('order_flags')
    .where('tenant_id', '=', tenantId)
    .where('collection', '=', key.collection)
    .where('document_id', '=', key.documentId)
    .where('kind', '=', key.kind)
    .execute();
}

/** Raises the flag when there is a reason, clears it when there is none. */
export async function setFlag(trx: Transaction<Database>, tenantId: string, key: FlagKey & Omit<Flag, 'reason' | keyof FlagKey>, reasons: readonly string[], at: Date): Promise<void> {
  if (reasons.length) await raiseFlag(trx, tenantId, { ...key, reason: reasons.join('; ') }, at);
  else await clearFlag(trx, tenantId, key);
}
