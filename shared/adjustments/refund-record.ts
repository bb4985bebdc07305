import type { Refund } from '../refunds';
import type { RefundRecord } from '../schemas/adjustments';

/** The stored form of a refund the money core planned; its currency sits on the adjustment. */
export function refundRecord(refund: Refund, method: RefundRecord['method'], restock: boolean): RefundRecord {
  return {
    amount: refund.amount,
    tip: refund.tip,
    total: refund.total,
    lines: refund.lines.map((line) => ({ ...line, taxes: line.taxes.map((tax) => ({ ...tax })) })),
    taxes: refund.taxes.map((tax) => ({ ...tax })),
    tenders: refund.tenders.map((tender) => ({ ...tender })),
    staff: refund.staff.map(({ staffId, amount, tip, salonAmount, stylistAmount, salonTipAmount, stylistTipAmount }) => ({
      staffId, amount, tip, salonAmount, stylistAmount, salonTipAmount, stylistTipAmount,
    })),
    method,
    restock,
  };
}
