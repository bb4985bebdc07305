import { sql, type Kysely } from 'kysely';
import type { Refund } from '../../shared/refunds/index';
import type { AdjustmentDoc } from '../../shared/schemas/index';
import type { Database } from '../db/schema';

/** A refund as the back office shows it: the money core's Refund, with where and when it happened. */
export interface PaymentRefund {
  id: string;
  orderId: string;
  createdAt: string;
  reason: string | null;
  refund: Refund;
}

function toRefund(doc: AdjustmentDoc): PaymentRefund {
  const r = doc.refund!;
  return {
    id: doc.id,
    orderId: doc.orderId,
    createdAt: doc.createdAt,
    reason: doc.reason || null,
    refund: { currency: doc.currency, amount: r.amount, tip: r.tip, total: r.total, lines: r.lines, taxes: r.taxes, tenders: r.tenders, staff: r.staff },
  };
}

const refundDocs = (db: Kysely<Database>, tenantId: string) =>
  db
    .selectFrom('documents')
    .where('collection', '=', 'adjustments')
    .where('tenant_id', '=', tenantId)
    .where('deleted', '=', false)
    .where(sql<boolean>`data->>'kind' = 'refund' and data->'refund' <> 'null'::jsonb`);

/**
 * The refunds recorded against each payment: the refund adjustments (issue 5's append-only
 * documents) whose tenders name the payment, oldest first.
 */
export async function gatherRefunds(db: Kysely<Database>, tenantId: string, paymentIds: readonly string[]): Promise<Map<string, PaymentRefund[]>> {
  const found = new Map<string, PaymentRefund[]>(paymentIds.map((paymentId) => [paymentId, []]));
  if (paymentIds.length === 0) return found;
  const orders = await db.selectFrom('payment_facts').select('order_id').where('tenant_id', '=', tenantId).where('payment_id', 'in', [...paymentIds]).execute();
  if (orders.length === 0) return found;
  const rows = await refundDocs(db, tenantId)
    .select('data')
    .where(sql<string>`data->>'orderId'`, 'in', orders.map((o) => o.order_id))
    .orderBy(sql`data->>'createdAt'`)
    .execute();
  for (const row of rows) {
    const refund = toRefund(row.data as unknown as AdjustmentDoc);
    for (const tender of refund.refund.tenders) found.get(tender.paymentId)?.push(refund);
  }
  return found;
}

/** A page of the tenant's refunds (one row per refunded payment), newest first; `locationId` narrows it. */
export async function listRefunds(
  db: Kysely<Database>,
  tenantId: string,
  filters: { locationId?: string },
  paging: { page: number; limit: number },
): Promise<{ refunds: { paymentId: string; refund: PaymentRefund }[]; total: number }> {
  let query = refundDocs(db, tenantId);
  if (filters.locationId) query = query.where('location_id', '=', filters.locationId);
  const rows = await query.select('data').orderBy(sql`data->>'createdAt'`, 'desc').orderBy('id', 'desc').execute();
  const all = rows.flatMap((row) => {
    const refund = toRefund(row.data as unknown as AdjustmentDoc);
    return refund.refund.tenders.map((t) => ({ paymentId: t.paymentId, refund }));
  });
  return { refunds: all.slice(paging.page * paging.limit, (paging.page + 1) * paging.limit), total: all.length };
}
