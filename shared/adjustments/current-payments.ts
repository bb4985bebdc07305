import type { AdjustmentDoc } from '../schemas/adjustments';
import type { PaymentStatus } from '../schemas/payments';
import { chronological } from './order-state';

type Adjustment = Pick<AdjustmentDoc, 'id' | 'createdAt' | 'voidedPaymentIds' | 'tipAdjustment'>;

/**
 * Each payment as its sale's adjustments leave it (append-only history, so derived): `voided`
 * when a void names it, and the tip of its latest tip adjustment. The register's sale detail
 * and the server's payments list both show payments this way.
 */
export function currentPayments<P extends { id: string; status: PaymentStatus; tip: number }>(payments: readonly P[], adjustments: readonly Adjustment[]): P[] {
  const tips = new Map<string, number>();
  const voided = new Set<string>();
  for (const a of [...adjustments].sort(chronological)) {
    a.voidedPaymentIds.forEach((id) => voided.add(id));
    if (a.tipAdjustment) tips.set(a.tipAdjustment.paymentId, a.tipAdjustment.tip);
  }
  return payments.map((p) => ({ ...p, status: voided.has(p.id) ? 'voided' : p.status, tip: tips.get(p.id) ?? p.tip }));
}
