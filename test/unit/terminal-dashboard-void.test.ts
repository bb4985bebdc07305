import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { outcomeId } from '../../shared/lifecycle/index';
import type { PaymentDoc } from '../../shared/schemas/index';
import { openRegisterDatabase } from '../../renderer/src/db/database';
import { loadDashboard } from '../../renderer/src/manager/dashboard-data';
import { order, payment, refund, SCOPE } from './reports-fixtures';

describe('manager dashboard: a void today of a card-terminal payment from an older sale', () => {
  it('takes the captured payment back once (found by its order, pending + outcome folded): refunds 5000, today -5000', async () => {
    const db = await openRegisterDatabase({ name: `d${newId().replace(/-/g, '')}`, storage: getRxStorageMemory(), collections: ['orders', 'payments', 'adjustments', 'staff', 'catalog'] });
    try {
      // Sold a year ago on the terminal ($50.00 + $5.00 tip), voided today: the sale lies outside the dates the dashboard reads.
      const old = '2025-11-18';
      const sale = order(old, [{ net: 5000 }]);
      const pending = payment(old, 'CARD_TERMINAL', 5000, 500, { orderId: sale.id, mode: 'ONLINE', status: 'pending', attemptOf: null, processorRef: null, failureReason: null });
      const captured: PaymentDoc = { ...pending, id: outcomeId(pending.id, 'succeeded'), status: 'succeeded', attemptOf: pending.id, fee: 190, processorRef: 'pi_1' };
      const today = '2026-11-18';
      const voidDoc = refund(today, [], { orderId: sale.id, kind: 'void', refund: null, voidedPaymentIds: [pending.id] });
      await db.orders.insert(sale);
      await db.payments.bulkInsert([pending, captured]);
      await db.adjustments.insert(voidDoc);

      const dash = await loadDashboard(db, { timeZone: 'America/New_York', locationId: SCOPE.locationId }, { from: today, to: today }, new Date('2026-11-18T17:00:00.000Z'));
      const t = dash.todaySummary;
      expect([t.sales, t.refunds, t.net, t.tips, t.fees, t.tenders.CARD_TERMINAL?.refunds]).toEqual([0, 5000, -5000, -500, -190, 5000]);
      expect(dash.today).toBe(-5000);
    } finally {
      await db.remove();
    }
  });
});
