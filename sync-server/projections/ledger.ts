import type { Insertable, Kysely, Transaction } from 'kysely';
import { orderEarnings, type StaffRates } from '../../shared/commissions/index';
import { settleAttempts, settledStatus } from '../../shared/lifecycle/index';
import type { PricedOrder } from '../../shared/pricing/index';
import type { AdjustmentDoc, OrderDoc, PaymentDoc, StaffDoc } from '../../shared/schemas/index';
import type { Database, LedgerEntriesTable } from '../db/schema';
import { documentsById } from './documents';

type Row = Record<string, unknown> & { id: string; _deleted: boolean };
type Entry = Insertable<LedgerEntriesTable> & { received_at: Date };
/** When the server received each document, by id: the projections keep it, not when they ran. */
export type ReceivedAt = ReadonlyMap<string, Date>;

/** The collections whose documents move money, in the order a batch of them is projected. */
export const PROJECTED_COLLECTIONS = ['orders', 'payments', 'adjustments'] as const;

/**
 * The typed projection of money documents (run by projections/projector.ts in sequence order):
 * payment_facts for the payments list, and ledger_entries (balance transactions) that revenue
 * and balances sum. Money documents are append-only, so each document projects once; projecting
 * one again adds nothing.
 */
export async function projectDocuments(trx: Transaction<Database>, collection: string, docs: readonly Row[], tenantId: string, receivedAt: ReceivedAt): Promise<void> {
  const live = docs.filter((doc) => !doc._deleted);
  if (live.length === 0) return;
  if (collection === 'payments') await projectPayments(trx, live as unknown as PaymentDoc[], tenantId, receivedAt);
  if (collection === 'orders') await projectOrders(trx, live as unknown as OrderDoc[], tenantId, receivedAt);
  if (collection === 'adjustments') await projectAdjustments(trx, live as unknown as AdjustmentDoc[], tenantId, receivedAt);
}

function received(receivedAt: ReceivedAt, id: string): Date {
  const at = receivedAt.get(id);
  if (!at) throw new Error(`Projecting document ${id} without its arrival time.`);
  return at;
}

/**
 * A card-terminal payment is a `pending` document and later outcome documents pointing at it
 * (`attemptOf`, shared/lifecycle). It projects as one payment under the pending document's id
 * (the id refunds and voids name), with the furthest status and that document's figures; the
 * location is credited once, when the payment has succeeded.
 */
async function projectPayments(trx: Transaction<Database>, docs: PaymentDoc[], tenantId: string, receivedAt: ReceivedAt): Promise<void> {
  const settled = settleAttempts(docs);
  const ids = settled.map((s) => s.paymentId);
  const existing = new Map(
    (await trx.selectFrom('payment_facts').select(['payment_id', 'status']).where('tenant_id', '=', tenantId).where('payment_id', 'in', ids).execute())
      .map((row) => [row.payment_id, row.status as PaymentDoc['status']]),
  );
  const orders = await documentsById<OrderDoc>(trx, tenantId, 'orders', [...new Set(docs.map((p) => p.orderId))]);
  const row = (paymentId: string, status: PaymentDoc['status'], p: PaymentDoc) => {
    const order = orders.get(p.orderId);
    return {
      payment_id: paymentId, tenant_id: tenantId, location_id: p.locationId, order_id: p.orderId, order_number: order?.number ?? null,
      client_id: order?.clientId ?? null, cashier_id: p.cashierId, tender: p.tender, mode: p.mode, status, currency: p.currency,
      amount: p.amount, tip: p.tip, fee: p.fee, total: p.amount + p.tip, card_brand: p.cardBrand, card_last4: p.cardLast4, label: p.label,
      business_date: p.businessDate, created_at: p.createdAt, received_at: received(receivedAt, p.id),
    };
  };
  const inserts = settled.filter((s) => !existing.has(s.paymentId)).map((s) => row(s.paymentId, s.status, s.current));
  if (inserts.length) await trx.insertInto('payment_facts').values(inserts).onConflict((oc) => oc.column('payment_id').doNothing()).execute();
  const effective: { paymentId: string; status: PaymentDoc['status']; current: PaymentDoc }[] = [];
  for (const s of settled) {
    const before = existing.get(s.paymentId);
    if (before === undefined) {
      effective.push(s);
      continue;
    }
    const status = settledStatus([{ id: s.paymentId, status: before }, { id: s.current.id, status: s.status, attemptOf: s.paymentId }]);
    if (status === before) continue;
    const { payment_id: _id, tenant_id: _tenant, order_number: _number, client_id: _client, received_at: _received, ...figures } = row(s.paymentId, status, s.current);
    await trx.updateTable('payment_facts').set(figures).where('tenant_id', '=', tenantId).where('payment_id', '=', s.paymentId).execute();
    effective.push({ paymentId: s.paymentId, status, current: s.current });
  }
  const entries: Entry[] = effective
    .filter((s) => s.status === 'succeeded')
    .map(({ paymentId, current: p }) => ({
      id: `${paymentId}:location`,
      tenant_id: tenantId,
      location_id: p.locationId,
      party: 'location',
      staff_id: '',
      type: 'CREDIT',
      source_id: p.id,
      payment_id: paymentId,
      order_id: p.orderId,
      tender: p.tender,
      mode: p.mode,
      currency: p.currency,
      business_date: p.businessDate,
      gross: p.amount,
      amount: p.amount,
      tip: p.tip,
      fee: p.fee,
      description: `${p.tender} payment`,
      received_at: received(receivedAt, p.id),
    }));
  await insertEntries(trx, entries);
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

async function projectOrders(trx: Transaction<Database>, orders: OrderDoc[], tenantId: string, receivedAt: ReceivedAt): Promise<void> {
  for (const order of orders) {
    await trx
      .updateTable('payment_facts')
      .set({ order_number: order.number, client_id: order.clientId })
      .where('tenant_id', '=', tenantId)
      .where('order_id', '=', order.id)
      .execute();
  }
  const rates = await staffRates(trx, tenantId, [...new Set(orders.flatMap(orderStaffIds))]);
  const entries: Entry[] = orders.flatMap((order) =>
    earningsOf(order, rates).map((e) => ({
      id: `${order.id}:staff:${e.staffId}`,
      tenant_id: tenantId,
      location_id: order.locationId,
      party: 'staff' as const,
      staff_id: e.staffId,
      type: 'CREDIT' as const,
      source_id: order.id,
      payment_id: null,
      order_id: order.id,
      tender: null,
      mode: null,
      currency: order.currency,
      business_date: order.businessDate,
      gross: e.serviceAmount,
      amount: e.stylistAmount,
      tip: e.stylistTipAmount,
      fee: 0,
      description: `Earnings on order ${order.number}`,
      received_at: received(receivedAt, order.id),
    })),
  );
  await insertEntries(trx, entries);
}

/**
 * Refunds and voids as REFUND rows with negative figures, so every sum nets them out: a refund
 * takes back from the location what each tender returned (its amount, tip and the fee given
 * back) and from each staff member their share as planRefund split it; a void takes back the
 * voided payments whole and the order's staff earnings. Tip adjustments change the location's
 * tip by the difference (CREDIT when raised, DEBIT when lowered).
 */
async function projectAdjustments(trx: Transaction<Database>, adjustments: AdjustmentDoc[], tenantId: string, receivedAt: ReceivedAt): Promise<void> {
  const paymentIds = adjustments.flatMap((a) => [
    ...(a.refund?.tenders.map((t) => t.paymentId) ?? []), ...a.voidedPaymentIds, ...(a.tipAdjustment ? [a.tipAdjustment.paymentId] : []),
  ]);
  const facts = paymentIds.length
    ? await trx.selectFrom('payment_facts').select(['payment_id', 'tender', 'mode', 'amount', 'tip', 'fee']).where('tenant_id', '=', tenantId).where('payment_id', 'in', paymentIds).execute()
    : [];
  const paid = new Map(facts.map((f) => [f.payment_id, f]));
  const voidedOrders = adjustments.filter((a) => a.kind === 'void').map((a) => a.orderId);
  const staffCredits = voidedOrders.length
    ? await trx.selectFrom('ledger_entries').select(['order_id', 'staff_id', 'gross', 'amount', 'tip']).where('tenant_id', '=', tenantId)
      .where('party', '=', 'staff').where('type', '=', 'CREDIT').where('order_id', 'in', voidedOrders).execute()
    : [];
  const entries: Entry[] = [];
  for (const a of adjustments) {
    const base = {
      tenant_id: tenantId, location_id: a.locationId, source_id: a.id, order_id: a.orderId, currency: a.currency, business_date: a.businessDate,
      received_at: received(receivedAt, a.id),
    };
    const location = (paymentId: string, type: Entry['type'], gross: number, amount: number, tip: number, fee: number, description: string) =>
      entries.push({
        ...base, id: `${a.id}:location:${paymentId}`, party: 'location', staff_id: '', type, payment_id: paymentId,
        tender: paid.get(paymentId)?.tender ?? null, mode: paid.get(paymentId)?.mode ?? null, gross, amount, tip, fee, description,
      });
    const staff = (staffId: string, gross: number, amount: number, tip: number, description: string) =>
      entries.push({ ...base, id: `${a.id}:staff:${staffId}`, party: 'staff', staff_id: staffId, type: 'REFUND', payment_id: null, tender: null, mode: null, gross, amount, tip, fee: 0, description });
    if (a.kind === 'refund' && a.refund) {
      for (const t of a.refund.tenders) location(t.paymentId, 'REFUND', -t.amount, -t.amount, -t.tip, -t.fee, `Refund: ${a.reason}`);
      for (const s of a.refund.staff) staff(s.staffId, -s.amount, -s.stylistAmount, -s.stylistTipAmount, `Refund: ${a.reason}`);
    }
    if (a.kind === 'void') {
      for (const paymentId of a.voidedPaymentIds) {
        const p = paid.get(paymentId);
        if (p) location(paymentId, 'REFUND', -Number(p.amount), -Number(p.amount), -Number(p.tip), -Number(p.fee), `Void: ${a.reason}`);
      }
      for (const c of staffCredits.filter((c) => c.order_id === a.orderId)) staff(c.staff_id, -Number(c.gross), -Number(c.amount), -Number(c.tip), `Void: ${a.reason}`);
    }
    if (a.kind === 'tip_adjustment' && a.tipAdjustment) {
      const change = a.tipAdjustment.tip - a.tipAdjustment.previousTip;
      if (change !== 0) location(a.tipAdjustment.paymentId, change > 0 ? 'CREDIT' : 'DEBIT', 0, 0, change, 0, 'Tip adjusted');
    }
  }
  await insertEntries(trx, entries);
}

async function insertEntries(trx: Transaction<Database>, entries: Entry[]): Promise<void> {
  if (entries.length === 0) return;
  await trx
    .insertInto('ledger_entries')
    .values(entries)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}
