import type { Transaction } from 'kysely';
import type { AuditEventDoc } from '../../shared/schemas/index';
import type { Database } from '../db/schema';
import { checkAuditChains } from './audit-chains';
import { flagOverRefunds } from './order-flags';

type Row = { id: string; _deleted: boolean } & Record<string, unknown>;

/** Checks that run on every push, in its transaction: audit chains and over-refunded orders. */
export async function reviewDocuments(trx: Transaction<Database>, collection: string, docs: readonly Row[], tenantId: string, now: Date): Promise<void> {
  if (collection === 'audit_events') await checkAuditChains(trx, tenantId, docs as unknown as AuditEventDoc[], now);
  if (collection === 'adjustments' || collection === 'payments') {
    await flagOverRefunds(trx, tenantId, docs.map((doc) => String(doc.orderId)), now);
  }
  if (collection === 'orders') await flagOverRefunds(trx, tenantId, docs.map((doc) => doc.id), now);
}
