import { sql, type Transaction } from 'kysely';
import { adjustmentApprovalReasons, adjustmentSaleIssues, deriveOrderState } from '../../shared/adjustments/index';
import type { AdjustmentDoc, OrderDoc, PaymentDoc } from '../../shared/schemas/index';
import type { Database } from '../db/schema';
import { documentsWhere } from './documents';
import { setFlag } from './flags';
import { approvalCheck, locationRules } from './location-rules';

/**
 * Reviews each order touched by a push against all of its documents, with the derivation every
 * register uses:
 * - `over_refund` (the order): refunds that together exceed what it took, such as two registers
 *   refunding one sale offline; both are kept (the money did leave) and the order set aside;
 * - `exceeds_sale` (an adjustment): one that takes more than its own sale, found only when the
 *   sale arrived after it (had the server held the sale, the push would have been refused);
 * - `approval_missing` (an adjustment): the location's rules need a manager (refund amount or
 *   age, void, late tip change) and it names none of that location. Age and tip window are
 *   judged at the server's receive time of the adjustment, not the register's clock.
 * A flag clears itself when the documents no longer show it.
 */
export async function reviewOrders(trx: Transaction<Database>, tenantId: string, orderIds: readonly string[]): Promise<void> {
  const ids = [...new Set(orderIds)];
  if (ids.length === 0) return;
  // Adjustments are append-only, so an order with none has never been refunded or flagged.
  const adjustmentRows = await trx
    .selectFrom('documents')
    .select(['data', 'received_at'])
    .where('tenant_id', '=', tenantId)
    .where('collection', '=', 'adjustments')
    .where(sql<string>`data->>'orderId'`, 'in', ids)
    .where('deleted', '=', false)
    .execute();
  if (adjustmentRows.length === 0) return;
  const adjustments = adjustmentRows.map((row) => ({ doc: row.data as unknown as AdjustmentDoc, receivedAt: new Date(row.received_at) }));
  const orders = await trx
    .selectFrom('documents')
    .select('data')
    .where('tenant_id', '=', tenantId)
    .where('collection', '=', 'orders')
    .where('id', 'in', [...new Set(adjustments.map((a) => a.doc.orderId))])
    .execute();
  const payments = await documentsWhere<PaymentDoc>(trx, tenantId, 'payments', 'orderId', ids);
  const rules = await locationRules(trx, tenantId, adjustments.map((a) => a.doc.locationId));
  const approval = await approvalCheck(trx, tenantId, adjustments.map((a) => a.doc.approvedBy));
  for (const row of orders) {
    const order = row.data as unknown as OrderDoc;
    const own = adjustments.filter((a) => a.doc.orderId === order.id);
    const sale = { order, payments: payments.filter((p) => p.orderId === order.id), adjustments: own.map((a) => a.doc) };
    const state = deriveOrderState(order, sale.payments, sale.adjustments);
    const overRefund = state.overRefund > 0 ? [`refunded ${state.refunded} of a sale that took ${state.paid}`] : [];
    const lastReceived = new Date(Math.max(...own.map((a) => a.receivedAt.getTime())));
    await setFlag(trx, tenantId, { collection: 'orders', documentId: order.id, order_id: order.id, kind: 'over_refund', amount: state.overRefund, currency: order.currency }, overRefund, lastReceived);
    for (const { doc, receivedAt } of own) {
      const key = { collection: 'adjustments' as const, documentId: doc.id, order_id: order.id, currency: doc.currency, amount: doc.refund?.total ?? 0 };
      await setFlag(trx, tenantId, { ...key, kind: 'exceeds_sale' }, adjustmentSaleIssues(doc, sale).map((i) => i.msg), receivedAt);
      const location = rules.get(doc.locationId);
      const needed = location ? adjustmentApprovalReasons(doc, order, location.adjustments, receivedAt, location.timeZone) : [];
      const problem = needed.length ? approval(doc.approvedBy, doc.locationId) : null;
      await setFlag(trx, tenantId, { ...key, kind: 'approval_missing' }, problem ? [`${needed.join('; ')}, but ${problem}`] : [], receivedAt);
    }
  }
}
