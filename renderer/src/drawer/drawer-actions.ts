import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '../../../shared/audit/index';
import { newId } from '../../../shared/ids';
import { countTotal, type DenominationCount } from '../../../shared/money/index';
import { checkClose, countsFrom, currentShift, nextZNumber, shiftFigures, shiftsOf, type Shift } from '../../../shared/reports/index';
import type { AdjustmentDoc, DrawerDoc, PaymentDoc, SettingsDoc, ShiftFigures } from '../../../shared/schemas/index';
import { businessDate } from '../../../shared/time';
import type { AuditJournal } from '../audit/journal';
import type { RegisterDatabase } from '../db/database';
import { openCashDrawer } from '../hardware/hardware';
import { clock } from '../clock';

export interface DrawerContext {
  db: RegisterDatabase;
  journal: AuditJournal;
  register: { tenantId: string; locationId: string; deviceId: string };
  settings: Pick<SettingsDoc, 'currency' | 'timeZone' | 'drawerDifferenceApprovalAbove'>;
}

/** Why a drawer action was refused, in words for the person at the desk. */
export class DrawerError extends Error {}

async function deviceDrawerDocs(ctx: DrawerContext): Promise<DrawerDoc[]> {
  const docs = await ctx.db.drawer.find({ selector: { deviceId: ctx.register.deviceId } }).exec();
  return docs.map((d) => d.toJSON() as DrawerDoc);
}

/** The open shift of this register, if any. */
export async function loadCurrentShift(ctx: DrawerContext): Promise<Shift | null> {
  return currentShift(await deviceDrawerDocs(ctx), ctx.register.deviceId);
}

function base(ctx: DrawerContext, kind: DrawerDoc['kind'], now: Date): DrawerDoc {
  const id = newId();
  return {
    id, ...ctx.register, kind, shiftId: id, currency: ctx.settings.currency, staffId: null, approvedBy: null, amount: 0, reason: null, count: null,
    looseAmount: null, expected: null, difference: null, number: null, figures: null, createdAt: now.toISOString(), businessDate: businessDate(now, ctx.settings.timeZone),
  };
}

/** Opens a shift with `float` in the drawer. One shift at a time per register. */
export async function openShift(ctx: DrawerContext, input: { float: number; staffId: string }, now = clock.now()): Promise<DrawerDoc> {
  if (await loadCurrentShift(ctx)) throw new DrawerError('A shift is already open on this register: close it first.');
  const doc = { ...base(ctx, 'shift_open', now), amount: input.float, staffId: input.staffId };
  await ctx.db.drawer.insert(doc);
  await ctx.journal.record({ kind: 'drawer_open', staffId: input.staffId, subjectId: doc.id, details: { action: 'shift_open', float: input.float, currency: doc.currency } }, now);
  void openCashDrawer();
  return doc;
}

/** Cash put in (`pay_in`) or taken out (`pay_out`) during the shift, with a reason. */
export async function recordMovement(
  ctx: DrawerContext,
  shift: Shift,
  input: { kind: 'pay_in' | 'pay_out'; amount: number; reason: string; staffId: string },
  now = clock.now(),
): Promise<DrawerDoc> {
  const reason = input.reason.trim();
  if (!reason) throw new DrawerError(`Say why the cash goes ${input.kind === 'pay_in' ? 'in' : 'out'}.`);
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new DrawerError('Enter an amount above zero.');
  const doc = { ...base(ctx, input.kind, now), shiftId: shift.open.id, amount: input.amount, reason, staffId: input.staffId };
  await ctx.db.drawer.insert(doc);
  await ctx.journal.record({ kind: 'drawer_open', staffId: input.staffId, subjectId: doc.id, details: { action: input.kind, amount: input.amount, reason } }, now);
  void openCashDrawer();
  return doc;
}

/** The payments and adjustments a shift may contain: from the previous close's business date on (indexed). */
async function shiftDocuments(ctx: DrawerContext, since: string): Promise<{ payments: PaymentDoc[]; adjustments: AdjustmentDoc[] }> {
  const selector = since ? { businessDate: { $gte: businessDate(since, ctx.settings.timeZone) } } : {};
  const [payments, adjustments] = await Promise.all([ctx.db.payments.find({ selector }).exec(), ctx.db.adjustments.find({ selector }).exec()]);
  return { payments: payments.map((d) => d.toJSON() as PaymentDoc), adjustments: adjustments.map((d) => d.toJSON() as AdjustmentDoc) };
}

/** The X report: the shift's figures now, changing nothing. */
export async function xReport(ctx: DrawerContext, shift: Shift, now = clock.now()): Promise<ShiftFigures> {
  const since = countsFrom(shiftsOf(await deviceDrawerDocs(ctx), ctx.register.deviceId), shift);
  const { payments, adjustments } = await shiftDocuments(ctx, since);
  return shiftFigures(shift, payments, adjustments, now.toISOString(), since);
}

export interface CloseInput {
  count: DenominationCount[];
  looseAmount: number;
  staffId: string;
  /** The manager who approved a difference above the threshold (by PIN). */
  approvedBy: string | null;
}

/** What closing now would record: expected, counted, difference, and whether a manager must approve. */
export async function previewClose(ctx: DrawerContext, shift: Shift, count: DenominationCount[], looseAmount: number, now = clock.now()) {
  const figures = await xReport(ctx, shift, now);
  return { figures, ...checkClose(figures.expected, countTotal(ctx.settings.currency, count, looseAmount), ctx.settings) };
}

/** The digest of a Z report's figures, kept in the audit chain so a changed copy shows. */
export function figuresDigest(figures: ShiftFigures): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(figures))));
}

/**
 * Closes the shift with the count: one append-only document that is also the numbered Z
 * report (its figures as printed), and an audit event with the figures' digest.
 */
export async function closeShift(ctx: DrawerContext, shift: Shift, input: CloseInput, now = clock.now()): Promise<DrawerDoc> {
  const current = await loadCurrentShift(ctx);
  if (!current || current.open.id !== shift.open.id) throw new DrawerError('This shift is already closed.');
  const preview = await previewClose(ctx, shift, input.count, input.looseAmount, now);
  if (preview.needsApproval && !input.approvedBy) throw new DrawerError('The drawer is over or short by more than the limit: a manager must approve with their PIN.');
  const number = nextZNumber(await deviceDrawerDocs(ctx), ctx.register.deviceId);
  const doc: DrawerDoc = {
    ...base(ctx, 'shift_close', now),
    shiftId: shift.open.id,
    staffId: input.staffId,
    approvedBy: preview.needsApproval ? input.approvedBy : null,
    amount: preview.counted,
    count: input.count.filter((c) => c.quantity > 0),
    looseAmount: input.looseAmount,
    expected: preview.expected,
    difference: preview.difference,
    number,
    figures: preview.figures,
  };
  await ctx.db.drawer.insert(doc);
  await ctx.journal.record(
    {
      kind: 'drawer_open', staffId: input.staffId, subjectId: doc.id,
      details: {
        action: 'shift_close', zNumber: number, expected: preview.expected, counted: preview.counted, difference: preview.difference,
        approvedBy: doc.approvedBy, figuresSha256: figuresDigest(preview.figures),
      },
    },
    now,
  );
  return doc;
}
