import type { Refund } from '../refunds';
import type { RefundRecord } from '../schemas/adjustments';

type Figures = Omit<Refund, 'currency'>;

/** A deep copy of a refund's figures (amount, tip, total, lines, taxes, tenders, staff), in either form. */
export function refundFigures(refund: Figures): Figures & Omit<RefundRecord, 'method' | 'restock'> {
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
  };
}

/** The stored form of a refund the money core planned; its currency sits on the adjustment. */
export function refundRecord(refund: Refund, method: RefundRecord['method'], restock: boolean): RefundRecord {
  return { ...refundFigures(refund), method, restock };
}
