import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outcomeId } from '../../shared/lifecycle/index';
import type { OrderDoc, PaymentDoc } from '../../shared/schemas/index';
import { paymentAmounts, type SettledTender } from '../../shared/tenders/index';
import type { Sale, TakenTender } from '../../renderer/src/sales/build-sale';
import { saleWithTerminalPayments, terminalShare, terminalTakenTender } from '../../renderer/src/terminal/sale-split';

const tender = (kind: SettledTender['tender'], applied: number, paymentId: string): TakenTender => ({
  tender: kind, applied, tendered: null, change: null, label: null, cardBrand: null, cardLast4: null, paymentId,
});

const payment = (over: Partial<PaymentDoc>): PaymentDoc => ({
  id: 'p', tenantId: 't', locationId: 'l', deviceId: 'd', orderId: 'o', tender: 'CASH', mode: 'OFFLINE', status: 'succeeded', currency: 'USD',
  amount: 0, tip: 0, fee: 0, tendered: null, change: null, label: null, cardBrand: null, cardLast4: null, cashierId: null,
  createdAt: '2026-01-01T00:00:00.000Z', businessDate: '2026-01-01', attemptOf: null, processorRef: null, failureReason: null, ...over,
});

/** The sale as the checkout builds it (buildSale's split over every tender, terminal included). */
function builtSale(total: number, tip: number, tenders: TakenTender[]): Sale {
  const splits = paymentAmounts(total, tip, tenders);
  return {
    order: { id: 'o', total, tipTotal: tip } as OrderDoc,
    payments: tenders.map((t, i) => payment({ id: t.paymentId, tender: t.tender, amount: splits[i]!.amount, tip: splits[i]!.tip })),
  };
}

/** The terminal flow's documents for a captured payment: pending, then the succeeded outcome. */
function terminalDocs(paymentId: string, amount: number, tip: number): PaymentDoc[] {
  const pending = payment({ id: paymentId, tender: 'CARD_TERMINAL', mode: 'ONLINE', status: 'pending', amount, tip });
  return [pending, { ...pending, id: outcomeId(paymentId, 'succeeded'), status: 'succeeded', attemptOf: paymentId, processorRef: 'pi_1', cardBrand: 'visa', cardLast4: '4242', fee: 187 }];
}

describe('terminal share of a sale', () => {
  it('takes the whole tip when the card pays the whole sale: $45.00 + $9.00 tip -> 4500 + 900', () => {
    expect(terminalShare({ total: 4500, tip: 900, taken: [], terminalTips: 0, applied: 5400 })).toEqual({ amount: 4500, tip: 900 });
  });

  it('takes its proportion of the tip for part of the balance: $27.00 of $54.00 -> 2250 + 450', () => {
    expect(terminalShare({ total: 4500, tip: 900, taken: [], terminalTips: 0, applied: 2700 })).toEqual({ amount: 2250, tip: 450 });
  });

  it('card 2700 then cash 2700 of 4500 + 900: the receipt shows the captured figures, the cash takes the rest, the terminal payment is not written again', () => {
    const share = terminalShare({ total: 4500, tip: 900, taken: [], terminalTips: 0, applied: 2700 });
    const docs = terminalDocs('card-1', share.amount, share.tip);
    const tenders = [{ ...terminalTakenTender(docs[1]!), paymentId: 'card-1' }, tender('CASH', 2700, 'cash-1')];
    const { shown, toRecord } = saleWithTerminalPayments(builtSale(4500, 900, tenders), tenders, docs);
    expect(shown.payments.map((p) => [p.id, p.tender, p.status, p.amount, p.tip])).toEqual([
      ['cash-1', 'CASH', 'succeeded', 2250, 450],
      ['card-1', 'CARD_TERMINAL', 'succeeded', 2250, 450],
    ]);
    expect(shown.payments[1]).toMatchObject({ processorRef: 'pi_1', cardLast4: '4242', fee: 187, mode: 'ONLINE' });
    expect(toRecord.payments.map((p) => p.id)).toEqual(['cash-1']);
  });

  it('refuses to complete a sale whose card payment is not confirmed', () => {
    const docs = terminalDocs('card-1', 4500, 900).slice(0, 1);
    const tenders = [tender('CARD_TERMINAL', 5400, 'card-1')];
    expect(() => saleWithTerminalPayments(builtSale(4500, 900, tenders), tenders, docs)).toThrow(/not confirmed/);
  });

  it('whatever the split, the payments add up to the total and the tip, none negative (2,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 300_000 }),
        fc.array(fc.record({ card: fc.boolean(), weight: fc.integer({ min: 1, max: 100 }) }), { minLength: 1, maxLength: 5 }),
        (total, tip, parts) => {
          // Pay the balance in the given order and proportions; the last part pays what is left.
          const due = total + tip;
          const weights = parts.reduce((s, p) => s + p.weight, 0);
          const tenders: TakenTender[] = [];
          const docs: PaymentDoc[] = [];
          let paid = 0;
          let terminalTips = 0;
          parts.forEach((part, i) => {
            const applied = i === parts.length - 1 ? due - paid : Math.floor((due * part.weight) / weights);
            if (applied <= 0) return;
            const id = `p${i}`;
            if (part.card) {
              const share = terminalShare({ total, tip, taken: tenders, terminalTips, applied });
              expect(share.amount + share.tip).toBe(applied);
              expect(Math.min(share.amount, share.tip)).toBeGreaterThanOrEqual(0);
              terminalTips += share.tip;
              docs.push(...terminalDocs(id, share.amount, share.tip));
              tenders.push(tender('CARD_TERMINAL', applied, id));
            } else {
              tenders.push(tender('CASH', applied, id));
            }
            paid += applied;
          });
          if (tenders.length === 0) return;
          const { shown, toRecord } = saleWithTerminalPayments(builtSale(total, tip, tenders), tenders, docs);
          expect(shown.payments.reduce((s, p) => s + p.amount + p.tip, 0)).toBe(due);
          expect(shown.payments.every((p) => p.amount >= 0 && p.tip >= 0)).toBe(true);
          expect(shown.payments).toHaveLength(tenders.length);
          expect(toRecord.payments.every((p) => p.tender !== 'CARD_TERMINAL')).toBe(true);
          // Exact per field whenever the rounding allowed it (always, unless cards paid nearly everything in several parts).
          const amounts = shown.payments.reduce((s, p) => s + p.amount, 0);
          expect(Math.abs(amounts - total)).toBeLessThanOrEqual(tenders.length);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
