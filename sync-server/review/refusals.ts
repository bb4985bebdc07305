import type { Transaction } from 'kysely';
import { adjustmentSaleIssues } from '../../shared/adjustments/index';
import { drawerIssues } from '../../shared/reports/index';
import type { AdjustmentDoc, DrawerDoc, OrderDoc, PaymentDoc, ValidationIssue } from '../../shared/schemas/index';
import type { Database } from '../db/schema';
import { documentsWhere } from './documents';

type Indexed<T> = { doc: T; index: number };

const loc = (index: number) => ['body', index, 'newDocumentState'];

async function byId<T>(trx: Transaction<Database>, tenantId: string, collection: string, ids: readonly string[]): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await trx.selectFrom('documents').select(['id', 'data']).where('tenant_id', '=', tenantId).where('collection', '=', collection).where('id', 'in', unique).execute();
  return new Map(rows.map((row) => [row.id, row.data as unknown as T]));
}

const namedPayments = (doc: AdjustmentDoc) => [...(doc.refund?.tenders.map((t) => t.paymentId) ?? []), ...doc.voidedPaymentIds, ...(doc.tipAdjustment ? [doc.tipAdjustment.paymentId] : [])];

/**
 * Adjustments that name a sale or payment of another location (`scope.location`), or take more
 * than their own sale by the documents the server holds (`adjustmentSaleIssues`).
 */
async function adjustmentRefusals(trx: Transaction<Database>, tenantId: string, pushed: readonly Indexed<AdjustmentDoc>[]): Promise<ValidationIssue[]> {
  const orderIds = pushed.map(({ doc }) => doc.orderId);
  const named = pushed.flatMap(({ doc }) => namedPayments(doc));
  const [orders, ofOrders, stored] = await Promise.all([
    byId<OrderDoc>(trx, tenantId, 'orders', orderIds),
    documentsWhere<PaymentDoc>(trx, tenantId, 'payments', 'orderId', [...new Set(orderIds)]),
    documentsWhere<AdjustmentDoc>(trx, tenantId, 'adjustments', 'orderId', [...new Set(orderIds)]),
  ]);
  const known = new Set(ofOrders.map((p) => p.id));
  const others = [...(await byId<PaymentDoc>(trx, tenantId, 'payments', named.filter((id) => !known.has(id)))).values()];
  const payments = [...ofOrders, ...others];
  return pushed.flatMap(({ doc, index }) => {
    const order = orders.get(doc.orderId) ?? null;
    const own = new Set(namedPayments(doc));
    const elsewhere = [...(order ? [order] : []), ...payments.filter((p) => p.orderId === doc.orderId || own.has(p.id))].filter((d) => d.locationId !== doc.locationId);
    if (elsewhere.length) {
      return [{ loc: [...loc(index), 'orderId'], msg: `adjustment ${doc.id}: names a sale or payment of another location`, type: 'scope.location' }];
    }
    return adjustmentSaleIssues(doc, { order, payments, adjustments: stored.filter((a) => a.orderId === doc.orderId) }, loc(index));
  });
}

/** Drawer documents whose figures do not add up or that name a shift of another drawer (`drawerIssues`). */
async function drawerRefusals(trx: Transaction<Database>, tenantId: string, pushed: readonly Indexed<DrawerDoc>[]): Promise<ValidationIssue[]> {
  const shifts = await byId<DrawerDoc>(trx, tenantId, 'drawer', pushed.map(({ doc }) => doc.shiftId));
  for (const { doc } of pushed) if (doc.kind === 'shift_open') shifts.set(doc.id, doc);
  return pushed.flatMap(({ doc, index }) => drawerIssues(doc, shifts.get(doc.shiftId) ?? null, loc(index)));
}

/**
 * What no honest register can push, judged against the documents the server holds: one refund
 * larger than its own sale, a void of another sale's payment, a drawer close that does not add
 * up. Answered 422 for the whole batch (`invariant.*`, each message naming the document's id).
 */
export async function refusals(trx: Transaction<Database>, collection: string, pushed: readonly Indexed<Record<string, unknown>>[], tenantId: string): Promise<ValidationIssue[]> {
  if (collection === 'adjustments') return adjustmentRefusals(trx, tenantId, pushed as unknown as Indexed<AdjustmentDoc>[]);
  if (collection === 'drawer') return drawerRefusals(trx, tenantId, pushed as unknown as Indexed<DrawerDoc>[]);
  return [];
}
