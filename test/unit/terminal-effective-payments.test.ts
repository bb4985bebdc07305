import { describe, expect, it } from 'vitest';
import { deriveOrderState } from '../../shared/adjustments/index';
import { outcomeId } from '../../shared/lifecycle/index';
import { shiftFigures, summarizeDays, type SummaryInput } from '../../shared/reports/index';
import type { OrderDoc, PaymentDoc } from '../../shared/schemas/index';
import { historyRows } from '../../renderer/src/history/filters';
import { drawerDoc, order, payment, refund, SCOPE } from './reports-fixtures';

/**
 * A card-terminal payment is written as a pending document and, once settled, an outcome
 * document (`attemptOf` = the pending id, its own UUIDv5 id). Every place that sums payments
 * must count the pair once, under the pending id that voids, refunds and tip changes name.
 */
describe('a card-terminal payment (pending + outcome) counts once everywhere', () => {
  const day = '2026-11-20';
  const sale = order(day, [{ net: 5000 }]);
  const at = (time: string) => ({ createdAt: `${day}T${time}:00.000Z`, orderId: sale.id });
  // $50.00 + $7.50 tip on the terminal, captured: fee $1.97.
  const pending = payment(day, 'CARD_TERMINAL', 5000, 750, { ...at('15:00'), mode: 'ONLINE', status: 'pending', attemptOf: null });
  const captured: PaymentDoc = { ...pending, id: outcomeId(pending.id, 'succeeded'), status: 'succeeded', attemptOf: pending.id, fee: 197, processorRef: 'pi_1', createdAt: `${day}T15:01:00.000Z` };
  const documents = [pending, captured];
  const voidCard = refund(day, [], { ...at('15:30'), orderId: sale.id, kind: 'void', refund: null, voidedPaymentIds: [pending.id] });
  const tipChange = refund(day, [], { ...at('15:20'), orderId: sale.id, kind: 'tip_adjustment', refund: null, tipAdjustment: { paymentId: pending.id, tip: 1000 } } as never);

  it('order state: paid 5750 once; a tip change and a void naming the payment id apply to it', () => {
    expect(deriveOrderState(sale, documents, [])).toMatchObject({ status: 'paid', paid: 5750, tip: 750 });
    expect(deriveOrderState(sale, documents, [tipChange])).toMatchObject({ status: 'paid', paid: 6000, tip: 1000 });
    expect(deriveOrderState(sale, documents, [voidCard])).toMatchObject({ paid: 0, voided: true });
  });

  it('daily summary (manager dashboard): sales 5000, tips 750, fees 197, one payment; a void naming the payment id takes all of it back', () => {
    const input = (adjustments: SummaryInput['adjustments']): SummaryInput => ({
      orders: [sale], payments: documents, adjustments, rates: new Map(), locationId: SCOPE.locationId, categoryOf: () => 'Other',
    });
    const d = summarizeDays(input([])).get(day)!;
    expect([d.sales, d.tips, d.fees, d.payments, d.tenders.CARD_TERMINAL]).toEqual([5000, 750, 197, 1, { amount: 5000, tip: 750, fee: 197, refunds: 0, payments: 1 }]);
    // Voids count on their own date as money given back (as the back office's ledger does).
    const voided = summarizeDays(input([voidCard])).get(day)!;
    expect([voided.sales, voided.refunds, voided.net, voided.tips, voided.fees, voided.payments]).toEqual([5000, 5000, 0, 0, 0, 1]);
  });

  it('drawer X/Z figures: one terminal payment of 5000 + 750 in the shift, none once voided; no cash expected', () => {
    const open = drawerDoc('shift_open', 10000, `${day}T14:00:00.000Z`);
    const f = shiftFigures({ open, movements: [] }, documents, [], `${day}T18:00:00.000Z`);
    expect([f.sales, f.tips, f.orders, f.expected, f.tenders]).toEqual([5000, 750, 1, 10000, [{ tender: 'CARD_TERMINAL', amount: 5000, tip: 750, refunds: 0, count: 1 }]]);
    const v = shiftFigures({ open, movements: [] }, documents, [voidCard], `${day}T18:00:00.000Z`);
    expect([v.sales, v.orders, v.tenders]).toEqual([0, 0, []]);
  });

  it('history rows: one payment under the pending id, succeeded, with the captured figures', () => {
    const [row] = historyRows([sale as OrderDoc], documents, [], deriveOrderState);
    expect(row!.payments.map((p) => [p.id, p.status, p.amount, p.tip, p.fee, p.processorRef])).toEqual([[pending.id, 'succeeded', 5000, 750, 197, 'pi_1']]);
    expect(row!.state).toMatchObject({ status: 'paid', paid: 5750 });
  });
});
