import { useEffect } from 'react';
import type { HardwareResult } from '../../../shared/bridge';
import type { Discount } from '../../../shared/pricing/index';
import type { RegisterDatabase } from '../db/database';
import type { Sale } from '../sales/build-sale';
import type { AuditEntry, AuditJournal } from './journal';

/**
 * The register's flows write their audit events through these: each one is appended after
 * the money is durable, and a failure to journal is reported but never undoes or blocks it.
 */
function record(journal: AuditJournal, entry: AuditEntry): Promise<void> {
  return journal.record(entry).then(
    () => undefined,
    (e: unknown) => console.error(`Audit event ${entry.kind} could not be written`, e),
  );
}

/** One `sign_in` when someone signs in and one `sign_out` when they lock, switch user or the register closes. */
export function useSignInAudit(journal: AuditJournal, staffId: string | null): void {
  useEffect(() => {
    if (!staffId) return;
    void record(journal, { kind: 'sign_in', staffId });
    return () => void record(journal, { kind: 'sign_out', staffId });
  }, [journal, staffId]);
}

/** The completed sale, then the drawer opening its cash payment caused (when the drawer answered). */
export async function auditSale(journal: AuditJournal, sale: Sale, drawer: Promise<HardwareResult> | null): Promise<void> {
  const { order, payments } = sale;
  await record(journal, {
    kind: 'sale',
    staffId: order.cashierId,
    subjectId: order.id,
    details: {
      number: order.number, currency: order.currency, total: order.total, tip: order.tipTotal, discount: order.discountTotal,
      tenders: payments.map((p) => `${p.tender}:${p.amount + p.tip}`).join(' '),
    },
  });
  if (drawer && (await drawer.catch(() => ({ ok: false }))).ok) await auditDrawerOpen(journal, order.cashierId, 'cash sale', null, order.id);
}

/**
 * Sales a crash caught between their durable write and their audit event, filed on restart:
 * each gets its `sale` event once (none is written for a sale the journal already names).
 */
export async function auditUnjournalledSales(db: RegisterDatabase, journal: AuditJournal, filed: readonly Sale[]): Promise<void> {
  for (const sale of filed) {
    const logged = await db.audit_events.findOne({ selector: { kind: 'sale', subjectId: sale.order.id } }).exec();
    if (!logged) await auditSale(journal, sale, null);
  }
}

export function auditDrawerOpen(journal: AuditJournal, staffId: string | null, reason: string, approvedBy: string | null, subjectId: string | null = null): Promise<void> {
  return record(journal, { kind: 'drawer_open', staffId, subjectId, details: { reason, approvedBy } });
}

export function auditDiscount(journal: AuditJournal, staffId: string | null, discount: Discount, of: number, approvedBy: string | null): Promise<void> {
  const details: AuditEntry['details'] = 'percent' in discount ? { percent: discount.percent, of, approvedBy } : { amount: discount.amount, of, approvedBy };
  return record(journal, { kind: 'discount_override', staffId, details });
}

export function auditPriceOverride(journal: AuditJournal, staffId: string | null, name: string, amount: number, approvedBy: string | null): Promise<void> {
  return record(journal, { kind: 'price_override', staffId, details: { name: name.slice(0, 200), amount, approvedBy } });
}

/** A manager's PIN allowed something the person signed in could not do alone. */
export function auditPinOverride(journal: AuditJournal, managerId: string, action: string, requestedBy: string | null, subjectId: string | null = null): Promise<void> {
  return record(journal, { kind: 'pin_override', staffId: managerId, subjectId, details: { action, requestedBy } });
}
