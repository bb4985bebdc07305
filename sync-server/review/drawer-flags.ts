import type { Transaction } from 'kysely';
import { drawerApprovalReasons } from '../../shared/reports/index';
import type { DrawerDoc } from '../../shared/schemas/index';
import type { Database } from '../db/schema';
import { setFlag } from './flags';
import { approvalCheck, locationRules } from './location-rules';

/** Flags a drawer close over or short beyond the location's limit that names no manager of that location (`approval_missing`). */
export async function reviewDrawer(trx: Transaction<Database>, tenantId: string, docs: readonly DrawerDoc[], receivedAt: Date): Promise<void> {
  const closes = docs.filter((doc) => doc.kind === 'shift_close');
  if (closes.length === 0) return;
  const rules = await locationRules(trx, tenantId, closes.map((doc) => doc.locationId));
  const approval = await approvalCheck(trx, tenantId, closes.map((doc) => doc.approvedBy));
  for (const doc of closes) {
    const location = rules.get(doc.locationId);
    const needed = location ? drawerApprovalReasons(doc, location.drawer) : [];
    const problem = needed.length ? approval(doc.approvedBy, doc.locationId) : null;
    const key = { collection: 'drawer' as const, documentId: doc.id, order_id: null, kind: 'approval_missing' as const, amount: Math.abs(doc.difference ?? 0), currency: doc.currency };
    await setFlag(trx, tenantId, key, problem ? [`${needed.join('; ')}, but ${problem}`] : [], receivedAt);
  }
}
