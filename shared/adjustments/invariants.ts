import type { AdjustmentDoc } from '../schemas/adjustments';
import type { ValidationIssue } from '../schemas/validate';

const total = (values: readonly { amount: number }[]) => values.reduce((sum, v) => sum + v.amount, 0);

/**
 * Rules a single adjustment must keep whatever else is true: its kind matches what it
 * carries, and its figures add up. Breaking one is bad input (422), not a business event.
 */
export function adjustmentIssues(doc: AdjustmentDoc, loc: (string | number)[] = []): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const issue = (path: (string | number)[], msg: string) => issues.push({ loc: [...loc, ...path], msg, type: 'invariant.adjustment' });
  const carries = { refund: doc.refund !== null, void: doc.voidedPaymentIds.length > 0, tip_adjustment: doc.tipAdjustment !== null };
  for (const [kind, present] of Object.entries(carries)) {
    if (kind === doc.kind && !present) issue([kind === 'void' ? 'voidedPaymentIds' : kind === 'refund' ? 'refund' : 'tipAdjustment'], `a ${doc.kind} must carry its figures`);
    if (kind !== doc.kind && present) issue([kind === 'void' ? 'voidedPaymentIds' : kind === 'refund' ? 'refund' : 'tipAdjustment'], `a ${doc.kind} must not carry ${kind} figures`);
  }
  const refund = doc.refund;
  if (refund) {
    if (refund.amount + refund.tip !== refund.total) issue(['refund', 'total'], 'must equal amount + tip');
    if (refund.tenders.reduce((sum, t) => sum + t.amount, 0) !== refund.amount) issue(['refund', 'tenders'], 'amounts must add up to the refund amount');
    if (refund.tenders.reduce((sum, t) => sum + t.tip, 0) !== refund.tip) issue(['refund', 'tenders'], 'tips must add up to the refunded tip');
    if (total(refund.taxes) !== refund.lines.reduce((sum, line) => sum + line.tax, 0)) issue(['refund', 'taxes'], "must add up to the lines' tax");
    if (refund.total === 0) issue(['refund', 'total'], 'a refund gives back more than nothing');
  }
  const tip = doc.tipAdjustment;
  if (tip && tip.tipShares.length > 0 && total(tip.tipShares) !== tip.tip) issue(['tipAdjustment', 'tipShares'], 'must add up to the tip');
  return issues;
}
