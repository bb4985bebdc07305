import type { Transaction } from 'kysely';
import type { AuditEventDoc, DrawerDoc } from '../../shared/schemas/index';
import type { Database } from '../db/schema';
import { checkAuditChains } from './audit-chains';
import { reviewDrawer } from './drawer-flags';
import { reviewOrders } from './order-flags';

export { refusals } from './refusals';

type Row = { id: string; _deleted: boolean } & Record<string, unknown>;

/** Checks that run on every push, in its transaction: audit chains, orders and adjustments, drawer closes. */
export async function reviewDocuments(trx: Transaction<Database>, collection: string, docs: readonly Row[], tenantId: string, receivedAt: Date): Promise<void> {
  if (collection === 'audit_events') await checkAuditChains(trx, tenantId, docs as unknown as AuditEventDoc[], receivedAt);
  if (collection === 'adjustments' || collection === 'payments') await reviewOrders(trx, tenantId, docs.map((doc) => String(doc.orderId)));
  if (collection === 'orders') await reviewOrders(trx, tenantId, docs.map((doc) => doc.id));
  if (collection === 'drawer') await reviewDrawer(trx, tenantId, docs as unknown as DrawerDoc[], receivedAt);
}
