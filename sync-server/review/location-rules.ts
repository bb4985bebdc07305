import type { Transaction } from 'kysely';
import { adjustmentRules, type AdjustmentRules } from '../../shared/adjustments/index';
import type { DrawerPolicy } from '../../shared/reports/index';
import type { SettingsDoc, StaffDoc } from '../../shared/schemas/index';
import type { Database } from '../db/schema';

export interface LocationRules {
  timeZone: string;
  adjustments: AdjustmentRules;
  drawer: DrawerPolicy;
}

/** Each location's approval rules, from its settings document (the register's defaults where it has none). */
export async function locationRules(trx: Transaction<Database>, tenantId: string, locationIds: readonly string[]): Promise<Map<string, LocationRules>> {
  const ids = [...new Set(locationIds)];
  if (ids.length === 0) return new Map();
  const [locations, settings] = await Promise.all([
    trx.selectFrom('locations').select(['id', 'time_zone', 'currency']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute(),
    trx.selectFrom('documents').select(['id', 'data']).where('tenant_id', '=', tenantId).where('collection', '=', 'settings').where('id', 'in', ids).execute(),
  ]);
  const byId = new Map(settings.map((row) => [row.id, row.data as unknown as Partial<SettingsDoc>]));
  return new Map(
    locations.map((l) => {
      const s = byId.get(l.id) ?? {};
      return [l.id, { timeZone: l.time_zone, adjustments: adjustmentRules(s), drawer: { currency: l.currency, drawerDifferenceApprovalAbove: s.drawerDifferenceApprovalAbove } }];
    }),
  );
}

/**
 * Checks that approvals name a manager or owner of the document's location: answers why an
 * approval does not count, or null when it does.
 */
export async function approvalCheck(trx: Transaction<Database>, tenantId: string, approvers: readonly (string | null)[]) {
  const ids = [...new Set(approvers.filter((id): id is string => id !== null))];
  const rows = ids.length
    ? await trx.selectFrom('documents').select('data').where('tenant_id', '=', tenantId).where('collection', '=', 'staff').where('id', 'in', ids).where('deleted', '=', false).execute()
    : [];
  const staff = new Map(rows.map((row) => [(row.data as unknown as StaffDoc).id, row.data as unknown as StaffDoc]));
  return (approvedBy: string | null, locationId: string): string | null => {
    if (approvedBy === null) return 'no manager approved it';
    const person = staff.get(approvedBy);
    if (!person) return `the approver ${approvedBy} is nobody on the staff`;
    if (person.role !== 'manager' && person.role !== 'owner') return `the approver ${person.name} is ${person.role}, not a manager or owner`;
    if (!person.active || !person.locationIds.includes(locationId)) return `the approver ${person.name} is not an active manager of this location`;
    return null;
  };
}
