import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { currentPayments, tipChangeTotals } from '../../shared/adjustments/index';
import { orderEarnings, type StaffRates } from '../../shared/commissions/index';
import { settleAttempts, type SettledPayment } from '../../shared/lifecycle/index';
import type { PricedOrder } from '../../shared/pricing/index';
import type { AdjustmentDoc, OrderDoc, PaymentDoc, StaffDoc } from '../../shared/schemas/index';
import type { Database, LedgerEntriesTable, PaymentFactsTable } from '../db/schema';
import { documentsById } from './documents';

type Entry = Insertable<LedgerEntriesTable> & { received_at: Date };
type Fact = Insertable<PaymentFactsTable> & { received_at: Date };
type Arrived<T> = T & { receivedAt: Date };

/** The collections whose documents move money. */
export const PROJECTED_COLLECTIONS = ['orders', 'payments', 'adjustments'] as const;

/** The order a money document belongs to. */
export function orderIdOf(collection: string, doc: { id: string; orderId?: unknown }): string {
  return collection === 'orders' ? doc.id : String(doc.orderId);
}

/**
 * The typed projection of money documents, made per order from every document of the order
 * the server holds (run by projections/projector.ts): payment_facts for the payments list, and
 * ledger_entries (balance transactions) that revenue and balances sum. Registers push each
 * collection on their own, so a void or refund may arrive before the sale it adjusts; deriving
 * the whole order again whenever one of its documents arrives gives the same rows whatever the
 * order of arrival. Staff earnings keep the commission rates of their first projection.
 */
export async function projectOrders(trx: Transaction<Database>, tenantId: string, orderIds: readonly string[]): Promise<void> {
  if (orderIds.length === 0) return;
  const docs = await trx
    .selectFrom('documents')
    .select(['collection', 'data', 'received_at'])
    .where('tenant_id', '=', tenantId)
    .where('deleted', '=', false)
    .where((eb) =>
      eb.or([
        eb.and([eb('collection', '=', 'orders'), eb('id', 'in', orderIds)]),
        eb.and([eb('collection', 'in', ['payments', 'adjustments']), eb(sql<string>`data->>'orderId'`, 'in', orderIds)]),
      ]),
    )
    .execute();
  const byOrder = new Map(orderIds.map((id) => [id, { order: null as Arrived<OrderDoc> | null, payments: [] as Arrived<PaymentDoc>[], adjustments: [] as Arrived<AdjustmentDoc>[] }]));
  for (const row of docs) {
    const doc = { ...(row.data as { id: string; orderId?: string }), receivedAt: new Date(row.received_at) };
    const group = byOrder.get(orderIdOf(row.collection, doc))!;
    if (row.collection === 'orders') group.order = doc as Arrived<OrderDoc>;
    else if (row.collection === 'payments') group.payments.push(doc as Arrived<PaymentDoc>);
    else group.adjustments.push(doc as Arrived<AdjustmentDoc>);
  }
  const earned: Entry[] = await trx
    .selectFrom('ledger_entries')
    .select([
      'id', 'tenant_id', 'location_id', 'party', 'staff_id', 'type', 'source_id', 'payment_id', 'order_id', 'tender', 'mode', 'currency',
      sql<string>`business_date::text`.as('business_date'), 'received_at', 'gross', 'amount', 'tip', 'fee', 'description',
    ])
    .where('tenant_id', '=', tenantId)
    .where('order_id', 'in', orderIds)
    .where('party', '=', 'staff')
    .where('type', '=', 'CREDIT')
    .execute();
  const earnedBy = new Map<string, Entry[]>();
  for (const e of earned) earnedBy.set(e.order_id!, [...(earnedBy.get(e.order_id!) ?? []), e]);
  const unearned = [...byOrder.values()].flatMap((g) => (g.order && !earnedBy.has(g.order.id) ? [g.order] : []));
  const rates = await staffRates(trx, tenantId, [...new Set(unearned.flatMap(orderStaffIds))]);

  const facts: Fact[] = [];
  const entries: Entry[] = [];
  for (const { order, payments, adjustments } of byOrder.values()) {
    const settled = settleAttempts(payments);
    const shown = currentPayments(settled.map((s) => ({ id: s.paymentId, status: s.status, tip: s.current.tip })), adjustments);
    facts.push(...settled.map((s, i) => paymentFact(tenantId, s, order, shown[i]!)));
    const credits = settled.filter((s) => s.status === 'succeeded').map((s) => locationCredit(tenantId, s));
    const staff = order ? staffCredits(tenantId, order, earnedBy.get(order.id) ?? [], rates) : [];
    const tipChanges = tipChangeTotals(adjustments.flatMap((a) => (a.tipAdjustment ? [a.tipAdjustment] : [])));
    entries.push(...credits, ...staff, ...adjustments.flatMap((a) => adjustmentEntries(tenantId, a, settled, credits, staff, tipChanges)));
  }
  await trx.deleteFrom('payment_facts').where('tenant_id', '=', tenantId).where('order_id', 'in', orderIds).execute();
  await trx.deleteFrom('ledger_entries').where('tenant_id', '=', tenantId).where('order_id', 'in', orderIds).execute();
  if (facts.length) await trx.insertInto('payment_facts').values(facts).execute();
  if (entries.length) await trx.insertInto('ledger_entries').values(entries).execute();
}

/**
 * A card-terminal payment is a `pending` document and later outcome documents pointing at it
 * (`attemptOf`, shared/lifecycle). It projects as one payment under the pending document's id
 * (the id refunds and voids name), with the furthest status and that document's figures,
 * received when the server first heard of it. Its status and tip are shown as the sale's
 * adjustments leave them (`currentPayments`: voided, the latest tip), as the register shows them.
 */
function paymentFact(tenantId: string, s: SettledPayment<Arrived<PaymentDoc>>, order: OrderDoc | null, shown: { status: string; tip: number }): Fact {
  const p = s.current;
  return {
    payment_id: s.paymentId, tenant_id: tenantId, location_id: p.locationId, order_id: p.orderId, order_number: order?.number ?? null,
    client_id: order?.clientId ?? null, cashier_id: p.cashierId, tender: p.tender, mode: p.mode, status: shown.status, currency: p.currency,
    amount: p.amount, tip: shown.tip, fee: p.fee, total: p.amount + shown.tip, card_brand: p.cardBrand, card_last4: p.cardLast4, label: p.label,
    business_date: p.businessDate, created_at: p.createdAt,
    received_at: new Date(Math.min(...s.documents.map((d) => d.receivedAt.getTime()))),
  };
}

/** A succeeded payment credits its location once, from the time the success arrived. */
function locationCredit(tenantId: string, { paymentId, current: p }: SettledPayment<Arrived<PaymentDoc>>): Entry {
  return {
    id: `${paymentId}:location`, tenant_id: tenantId, location_id: p.locationId, party: 'location', staff_id: '', type: 'CREDIT',
    source_id: p.id, payment_id: paymentId, order_id: p.orderId, tender: p.tender, mode: p.mode, currency: p.currency,
    business_date: p.businessDate, gross: p.amount, amount: p.amount, tip: p.tip, fee: p.fee, description: `${p.tender} payment`,
    received_at: p.receivedAt,
  };
}

/** Each staff member's earnings on the order: as first projected (`kept`), or now at the staff documents' rates. */
function staffCredits(tenantId: string, order: Arrived<OrderDoc>, kept: readonly Entry[], rates: Map<string, StaffRates>): readonly Entry[] {
  if (kept.length) return kept;
  return earningsOf(order, rates).map((e) => ({
    id: `${order.id}:staff:${e.staffId}`, tenant_id: tenantId, location_id: order.locationId, party: 'staff', staff_id: e.staffId, type: 'CREDIT',
    source_id: order.id, payment_id: null, order_id: order.id, tender: null, mode: null, currency: order.currency,
    business_date: order.businessDate, gross: e.serviceAmount, amount: e.stylistAmount, tip: e.stylistTipAmount, fee: 0,
    description: `Earnings on order ${order.number}`, received_at: order.receivedAt,
  }));
}

/**
 * Refunds and voids as REFUND rows with negative figures, so every sum nets them out: a refund
 * takes back from the location what each tender returned (its amount, tip and the fee given
 * back) and from each staff member their share as planRefund split it; a void takes back the
 * voided payments' credits whole and the order's staff earnings, tip changes included. A tip
 * adjustment changes the location's tip by the difference and each staff member's by the change
 * the register worked out for them (CREDIT when raised, DEBIT when lowered).
 */
function adjustmentEntries(
  tenantId: string,
  a: Arrived<AdjustmentDoc>,
  settled: readonly SettledPayment<PaymentDoc>[],
  credits: readonly Entry[],
  staffCredits: readonly Entry[],
  tipChanges: ReturnType<typeof tipChangeTotals>,
): Entry[] {
  const entries: Entry[] = [];
  const base = {
    tenant_id: tenantId, location_id: a.locationId, source_id: a.id, order_id: a.orderId, currency: a.currency, business_date: a.businessDate,
    received_at: a.receivedAt,
  };
  const tenderOf = (paymentId: string) => settled.find((s) => s.paymentId === paymentId)?.current;
  const location = (paymentId: string, type: Entry['type'], gross: number, amount: number, tip: number, fee: number, description: string) =>
    entries.push({
      ...base, id: `${a.id}:location:${paymentId}`, party: 'location', staff_id: '', type, payment_id: paymentId,
      tender: tenderOf(paymentId)?.tender ?? null, mode: tenderOf(paymentId)?.mode ?? null, gross, amount, tip, fee, description,
    });
  const staff = (staffId: string, type: Entry['type'], gross: number, amount: number, tip: number, description: string) =>
    entries.push({ ...base, id: `${a.id}:staff:${staffId}`, party: 'staff', staff_id: staffId, type, payment_id: null, tender: null, mode: null, gross, amount, tip, fee: 0, description });
  if (a.kind === 'refund' && a.refund) {
    for (const t of a.refund.tenders) location(t.paymentId, 'REFUND', -t.amount, -t.amount, -t.tip, -t.fee, `Refund: ${a.reason}`);
    for (const s of a.refund.staff) staff(s.staffId, 'REFUND', -s.amount, -s.stylistAmount, -s.stylistTipAmount, `Refund: ${a.reason}`);
  }
  if (a.kind === 'void') {
    // A void takes back the tips as they stand: the sale's, with every tip change made to it.
    for (const paymentId of a.voidedPaymentIds) {
      const credit = credits.find((c) => c.payment_id === paymentId);
      const raised = tipChanges.byPayment.get(paymentId) ?? 0;
      if (credit) location(paymentId, 'REFUND', -Number(credit.gross), -Number(credit.amount), -Number(credit.tip) - raised, -Number(credit.fee), `Void: ${a.reason}`);
    }
    const raisedFor = new Map([...tipChanges.byStaff].map(([staffId, change]) => [staffId, change.stylistTip]));
    for (const c of staffCredits) {
      staff(c.staff_id!, 'REFUND', -Number(c.gross), -Number(c.amount), -Number(c.tip) - (raisedFor.get(c.staff_id!) ?? 0), `Void: ${a.reason}`);
      raisedFor.delete(c.staff_id!);
    }
    for (const [staffId, tip] of raisedFor) staff(staffId, 'REFUND', 0, 0, -tip, `Void: ${a.reason}`);
  }
  if (a.kind === 'tip_adjustment' && a.tipAdjustment) {
    const change = a.tipAdjustment.tip - a.tipAdjustment.previousTip;
    if (change !== 0) location(a.tipAdjustment.paymentId, change > 0 ? 'CREDIT' : 'DEBIT', 0, 0, change, 0, 'Tip adjusted');
    for (const s of a.tipAdjustment.staff) staff(s.staffId, s.stylistTip >= 0 ? 'CREDIT' : 'DEBIT', 0, 0, s.stylistTip, 'Tip adjusted');
  }
  return entries;
}

/** Commission rates of the staff documents named. */
export async function staffRates(db: Kysely<Database> | Transaction<Database>, tenantId: string, ids: string[]): Promise<Map<string, StaffRates>> {
  const docs = await documentsById<StaffDoc>(db, tenantId, 'staff', ids);
  return new Map([...docs.values()].map((s) => [s.id, { id: s.id, commissionRate: s.commissionRate, tipCommissionRate: s.tipCommissionRate }]));
}

/** The staff members an order pays: its service lines' staff and its tip shares. */
export function orderStaffIds(order: Pick<OrderDoc, 'lines' | 'tipShares'>): string[] {
  const ids = new Set<string>();
  for (const line of order.lines) if (line.kind === 'service' && line.staffId) ids.add(line.staffId);
  for (const share of order.tipShares) ids.add(share.staffId);
  return [...ids];
}

/**
 * Staff earnings of an order by the money core (orderEarnings), at the commission rates of the
 * staff documents when the order is projected (moments after it arrives). A staff member the server has no document for earns
 * at 0% (everything stays with the salon) until the back office fixes the rates.
 */
export function earningsOf(order: OrderDoc, rates: Map<string, StaffRates>) {
  const staff = orderStaffIds(order).map((id) => rates.get(id) ?? { id, commissionRate: '0', tipCommissionRate: '0' });
  return orderEarnings({ lines: order.lines } as unknown as PricedOrder, order.tipShares, staff);
}
