import type { Transaction } from 'kysely';
import { deriveOrderState } from '../../shared/adjustments/index';
import type { AdjustmentDoc, OrderDoc, PaymentDoc } from '../../shared/schemas/index';
import type { Database } from '../db/schema';
import { documentsWhere } from './documents';

/**
 * Flags orders refunded beyond what they took. Two registers refunding one sale offline are
 * both accepted (the money did leave) and the order is set aside for review; the flag clears
 * itself when the documents no longer show it. Uses the derivation every register uses.
 */
export async function flagOverRefunds(trx: Transaction<Database>, tenantId: string, orderIds: readonly string[], now: Date): Promise<void> {
  const ids = [...new Set(orderIds)];
  if (ids.length === 0) return;
  // Adjustments are append-only, so an order with none has never been refunded or flagged.
  const adjustments = await documentsWhere<AdjustmentDoc>(trx, tenantId, 'adjustments', 'orderId', ids);
  if (adjustments.length === 0) return;
  const orders = await trx
    .selectFrom('documents')
    .select('data')
    .where('tenant_id', '=', tenantId)
    .where('collection', '=', 'orders')
    .where('id', 'in', [...new Set(adjustments.map((a) => a.orderId))])
    .execute();
  const payments = await documentsWhere<PaymentDoc>(trx, tenantId, 'payments', 'orderId', ids);
  for (const row of orders) {
    const order = row.data as unknown as OrderDoc;
    const state = deriveOrderState(
      order,
      payments.filter((p) => p.orderId === order.id),
      adjustments.filter((a) => a.orderId === order.id),
    );
    const key = (q: ReturnType<typeof trx.deleteFrom<'order_flags'>>) =>
      q.where('tenant_id', '=', tenantId).where('order_id', '=', order.id).where('kind', '=', 'over_refund');
    if (state.overRefund > 0) {
      await trx
        .insertInto('order_flags')
        .values({ tenant_id: tenantId, order_id: order.id, kind: 'over_refund', amount: state.overRefund, currency: order.currency, detected_at: now })
        .onConflict((oc) => oc.columns(['tenant_id', 'order_id', 'kind']).doUpdateSet({ amount: state.overRefund }))
        .execute();
    } else {
      await key(trx.deleteFrom('order_flags')).execute();
    }
  }
}
