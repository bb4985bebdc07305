import type { Refund } from '../refunds';
import type { AdjustmentDoc } from '../schemas/adjustments';
import { refundFigures } from './refund-record';

/**
 * The refunds already stored against a sale, in the money core's form, to plan the next one
 * against (`planRefund(sale, storedRefunds(adjustments), request)`). Voids and tip adjustments
 * carry no refund and are skipped; the order is by time, then id, as on every device.
 */
export function storedRefunds(adjustments: readonly Pick<AdjustmentDoc, 'id' | 'currency' | 'refund' | 'createdAt'>[]): Refund[] {
  return [...adjustments]
    .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1))
    .flatMap(({ currency, refund }) => (refund ? [{ currency, ...refundFigures(refund) }] : []));
}
