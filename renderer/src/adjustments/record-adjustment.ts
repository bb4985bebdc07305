import { adjustmentIssues, refundRecord } from '../../../shared/adjustments/index';
import { newId } from '../../../shared/ids';
import { effectivePayments } from '../../../shared/lifecycle/index';
import type { Refund } from '../../../shared/refunds/index';
import type { AdjustmentDoc, OrderDoc, PaymentDoc, RefundRecord, StaffTipChange, TipShare } from '../../../shared/schemas/index';
import { businessDate } from '../../../shared/time';
import type { AuditJournal } from '../audit/journal';
import type { RegisterDatabase } from '../db/database';
import type { RegisterIdentity } from '../sales/build-sale';
import type { StoredSale } from './refund-plan';
import { clock } from '../clock';

/**
 * Writing refunds, voids and tip adjustments. Each is a new append-only `adjustments`
 * document (never an edit of the sale), checked against the same invariants the server
 * applies before it is stored, then journalled in the register's audit chain.
 */
export interface AdjustmentWriter {
  db: RegisterDatabase;
  register: RegisterIdentity;
  /** The register's audit journal; null only in tests that do not look at the chain. */
  journal: AuditJournal | null;
  /** The location's time zone, for the adjustment's business date. */
  timeZone: string;
}

interface Common {
  /** Fixed when the dialog opened, so pressing the button twice stores one document. */
  id?: string;
  /** Who is signed in and did it. */
  staffId: string | null;
  /** The manager whose PIN allowed it, when one was needed. */
  approvedBy: string | null;
  reason: string;
  now?: Date;
}

/** The sale and everything recorded against it, by the indexed `orderId` fields. */
export async function loadStoredSale(db: RegisterDatabase, orderId: string): Promise<StoredSale | null> {
  const order = await db.orders.findOne(orderId).exec();
  if (!order) return null;
  const [payments, adjustments] = await Promise.all([
    db.payments.find({ selector: { orderId } }).exec(),
    db.adjustments.find({ selector: { orderId } }).exec(),
  ]);
  return {
    order: order.toJSON() as OrderDoc,
    // A card-terminal payment is one payment under its own id (refunds and voids name it), whatever documents record it.
    payments: effectivePayments(payments.map((p) => p.toJSON() as PaymentDoc)),
    adjustments: adjustments.map((a) => a.toJSON() as AdjustmentDoc),
  };
}

async function store(writer: AdjustmentWriter, doc: AdjustmentDoc): Promise<AdjustmentDoc> {
  const issues = adjustmentIssues(doc);
  if (issues.length) throw new Error(`The ${doc.kind.replace('_', ' ')} does not add up: ${issues.map((i) => `${i.loc.join('.')} ${i.msg}`).join('; ')}`);
  const existing = await writer.db.adjustments.findOne(doc.id).exec();
  if (existing) return existing.toJSON() as AdjustmentDoc;
  await writer.db.adjustments.insert(doc);
  return doc;
}

function base(writer: AdjustmentWriter, order: OrderDoc, kind: AdjustmentDoc['kind'], common: Common): AdjustmentDoc {
  const now = common.now ?? clock.now();
  const reason = common.reason.trim();
  if (!reason) throw new Error('Give a reason: it is kept with the record.');
  return {
    id: common.id ?? newId(),
    ...writer.register,
    orderId: order.id,
    kind,
    currency: order.currency,
    staffId: common.staffId,
    approvedBy: common.approvedBy,
    reason,
    refund: null,
    voidedPaymentIds: [],
    tipAdjustment: null,
    createdAt: now.toISOString(),
    businessDate: businessDate(now, writer.timeZone),
  };
}

export interface RefundInput extends Common {
  order: OrderDoc;
  /** The money core's plan (`planStoredRefund`): its figures are stored as they are. */
  refund: Refund;
  method: RefundRecord['method'];
  restock: boolean;
}

export async function recordRefund(writer: AdjustmentWriter, input: RefundInput): Promise<AdjustmentDoc> {
  if (input.refund.currency !== input.order.currency) throw new Error(`A refund in ${input.refund.currency} does not belong to a sale in ${input.order.currency}.`);
  const doc = { ...base(writer, input.order, 'refund', input), refund: refundRecord(input.refund, input.method, input.restock) };
  const stored = await store(writer, doc);
  await writer.journal?.record({
    kind: 'refund',
    staffId: input.staffId,
    subjectId: stored.id,
    details: {
      orderId: input.order.id, currency: stored.currency, amount: input.refund.amount, tip: input.refund.tip, total: input.refund.total,
      method: input.method, restock: input.restock, cash: cashPaidOut(stored), approvedBy: input.approvedBy, reason: stored.reason,
    },
  }, new Date(stored.createdAt));
  return stored;
}

export interface VoidInput extends Common {
  order: OrderDoc;
  /** The sale's payments: every succeeded one is reversed. */
  payments: readonly PaymentDoc[];
}

export async function recordVoid(writer: AdjustmentWriter, input: VoidInput): Promise<AdjustmentDoc> {
  const voidedPaymentIds = input.payments.filter((p) => p.orderId === input.order.id && p.status === 'succeeded').map((p) => p.id);
  if (voidedPaymentIds.length === 0) throw new Error('This sale has no completed payment to void.');
  const stored = await store(writer, { ...base(writer, input.order, 'void', input), voidedPaymentIds });
  await writer.journal?.record({
    kind: 'void',
    staffId: input.staffId,
    subjectId: stored.id,
    details: { orderId: input.order.id, currency: stored.currency, payments: voidedPaymentIds.length, cash: voidCashOut(stored, input.payments), approvedBy: input.approvedBy, reason: stored.reason },
  }, new Date(stored.createdAt));
  return stored;
}

export interface TipAdjustmentInput extends Common {
  order: OrderDoc;
  paymentId: string;
  /** The payment's tip before this change (after any earlier adjustment). */
  previousTip: number;
  tip: number;
  /** Who gets the new tip, and how each staff member's tips change (`tipChange`). */
  tipShares: TipShare[];
  staff: StaffTipChange[];
}

export async function recordTipAdjustment(writer: AdjustmentWriter, input: TipAdjustmentInput): Promise<AdjustmentDoc> {
  if (!Number.isSafeInteger(input.tip) || input.tip < 0) throw new Error('A tip is a whole, non-negative amount in minor units.');
  if (input.tip === input.previousTip) throw new Error('The tip is unchanged.');
  const tipAdjustment = { paymentId: input.paymentId, previousTip: input.previousTip, tip: input.tip, tipShares: input.tipShares.map((s) => ({ ...s })), staff: input.staff.map((s) => ({ ...s })) };
  const stored = await store(writer, { ...base(writer, input.order, 'tip_adjustment', input), tipAdjustment });
  await writer.journal?.record({
    kind: 'tip_adjustment',
    staffId: input.staffId,
    subjectId: stored.id,
    details: { orderId: input.order.id, paymentId: input.paymentId, currency: stored.currency, previousTip: input.previousTip, tip: input.tip, approvedBy: input.approvedBy },
  }, new Date(stored.createdAt));
  return stored;
}

/**
 * Cash a refund takes out of the drawer (minor units): its cash tenders' amount + tip, rounded
 * to the cash step. A refund given as store credit takes none.
 */
export function cashPaidOut(adjustment: Pick<AdjustmentDoc, 'refund'>): number {
  const refund = adjustment.refund;
  if (!refund || refund.method !== 'original') return 0;
  return refund.tenders.filter((t) => t.tender === 'CASH').reduce((sum, t) => sum + t.amount + t.tip + t.cashRounding, 0);
}

/** Cash a void hands back: what the voided cash payments kept in the drawer (amount + tip). */
export function voidCashOut(adjustment: Pick<AdjustmentDoc, 'voidedPaymentIds'>, payments: readonly PaymentDoc[]): number {
  const voided = new Set(adjustment.voidedPaymentIds);
  return payments.filter((p) => voided.has(p.id) && p.tender === 'CASH').reduce((sum, p) => sum + p.amount + p.tip, 0);
}
