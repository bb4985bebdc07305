import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyChain } from '../../shared/audit/index';
import { newId } from '../../shared/ids';
import type { AuditEventDoc } from '../../shared/schemas/index';
import { applyTender } from '../../shared/tenders/index';
import { AuditJournal } from '../../renderer/src/audit/journal';
import { auditDiscount, auditDrawerOpen, auditPinOverride, auditPriceOverride, auditSale, auditUnjournalledSales } from '../../renderer/src/audit/register-events';
import { openRegisterDatabase, type RegisterDatabase } from '../../renderer/src/db/database';
import { buildSale } from '../../renderer/src/sales/build-sale';
import { REGISTER, settings } from '../support/demo-settings';

const open: RegisterDatabase[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) if (!db.closed) await db.remove();
});

const JORDAN = '0190a000-0000-7000-8000-0000000000f1';
const ALEX = '0190a000-0000-7000-8000-0000000000a1';

describe('audit events of the register flows', () => {
  it('gives a sale filed after a crash its sale event once, and none to a sale already journalled', async () => {
    const db = await openRegisterDatabase({ name: `e${newId().replace(/-/g, '')}`, storage: getRxStorageMemory(), collections: ['audit_events'] });
    open.push(db);
    const journal = new AuditJournal(db, REGISTER);
    const sale = (number: string) =>
      buildSale({
        orderId: newId(), number, tip: { kind: 'none' }, settings: settings(), register: REGISTER, cashierId: JORDAN, now: new Date('2026-11-21T15:00:00Z'),
        lines: [{ id: 'l1', itemId: null, kind: 'product', name: 'Argan shampoo', unitPrice: 1800, quantity: 1, staffId: null }],
        tenders: [{ ...applyTender(1960, 'USD', { tender: 'CASH', amount: 2000 }), paymentId: newId() }],
      });
    const journalled = sale('C3A1-0001');
    const interrupted = sale('C3A1-0002');
    await auditSale(journal, journalled, null);
    await auditUnjournalledSales(db, journal, [journalled, interrupted]);
    await auditUnjournalledSales(db, journal, [interrupted]);
    const events = (await db.audit_events.find().exec()).map((e) => e.toJSON() as AuditEventDoc).sort((a, b) => a.seq - b.seq);
    expect(events.map((e) => [e.kind, e.subjectId])).toEqual([['sale', journalled.order.id], ['sale', interrupted.order.id]]);
    expect(verifyChain(events)).toMatchObject({ ok: true, length: 2 });
  });

  it('journals a cash sale and the drawer it opened, overrides and PIN approvals, in one verifiable chain', async () => {
    const db = await openRegisterDatabase({ name: `e${newId().replace(/-/g, '')}`, storage: getRxStorageMemory(), collections: ['audit_events'] });
    open.push(db);
    const journal = new AuditJournal(db, REGISTER);
    const sale = buildSale({
      orderId: newId(), number: 'C3A1-0001', tip: { kind: 'none' }, settings: settings(), register: REGISTER, cashierId: JORDAN, now: new Date('2026-11-21T15:00:00Z'),
      lines: [{ id: 'l1', itemId: null, kind: 'product', name: 'Argan shampoo', unitPrice: 1800, quantity: 1, staffId: null }],
      tenders: [{ ...applyTender(1960, 'USD', { tender: 'CASH', amount: 2000 }), paymentId: newId() }],
    });
    await auditDiscount(journal, JORDAN, { percent: '15' }, 1800, ALEX);
    await auditPriceOverride(journal, JORDAN, 'Fringe trim', 1500, ALEX);
    await auditPinOverride(journal, ALEX, 'custom_price', JORDAN);
    await auditSale(journal, sale, Promise.resolve({ ok: true }));
    await auditSale(journal, sale, Promise.resolve({ ok: false, reason: 'No drawer connected' }));
    await auditDrawerOpen(journal, JORDAN, 'no sale', ALEX);

    const events = (await db.audit_events.find().exec()).map((e) => e.toJSON() as AuditEventDoc).sort((a, b) => a.seq - b.seq);
    expect(events.map((e) => [e.kind, e.staffId, e.details])).toEqual([
      ['discount_override', JORDAN, { percent: '15', of: 1800, approvedBy: ALEX }],
      ['price_override', JORDAN, { name: 'Fringe trim', amount: 1500, approvedBy: ALEX }],
      ['pin_override', ALEX, { action: 'custom_price', requestedBy: JORDAN }],
      ['sale', JORDAN, { number: 'C3A1-0001', currency: 'USD', total: 1960, tip: 0, discount: 0, tenders: 'CASH:1960' }],
      ['drawer_open', JORDAN, { reason: 'cash sale', approvedBy: null }],
      ['sale', JORDAN, { number: 'C3A1-0001', currency: 'USD', total: 1960, tip: 0, discount: 0, tenders: 'CASH:1960' }],
      ['drawer_open', JORDAN, { reason: 'no sale', approvedBy: ALEX }],
    ]);
    expect(events[3]!.subjectId).toBe(sale.order.id);
    expect(verifyChain(events)).toMatchObject({ ok: true, length: 7 });
  });

  it('never lets a journal failure escape into the flow that called it', async () => {
    const failing = { record: () => Promise.reject(new Error('database closed')) } as unknown as AuditJournal;
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(auditDrawerOpen(failing, JORDAN, 'no sale', null)).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledWith('Audit event drawer_open could not be written', expect.any(Error));
    error.mockRestore();
  });
});
