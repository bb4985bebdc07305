import { countTotal } from '../money/index';
import type { DrawerDoc } from '../schemas/drawer';
import type { ValidationIssue } from '../schemas/validate';
import { checkClose, type DrawerPolicy } from './drawer';

/**
 * Rules one drawer document keeps on its own (hard invariants: 422): a close's counted amount
 * is its count sheet's total and its difference is counted − expected; a movement belongs to a
 * shift of the same drawer when that shift is known (`shift`: the shift's opening if held).
 */
export function drawerIssues(doc: DrawerDoc, shift: Pick<DrawerDoc, 'deviceId' | 'kind'> | null, loc: (string | number)[] = []): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const issue = (path: (string | number)[], msg: string) => issues.push({ loc: [...loc, ...path], msg: `drawer ${doc.id}: ${msg}`, type: 'invariant.drawer' });
  if (doc.kind === 'shift_close') {
    if (doc.expected !== null && doc.difference !== null && doc.difference !== doc.amount - doc.expected) issue(['difference'], 'must be the counted amount minus the expected');
    if (doc.count !== null) {
      let counted: number | null = null;
      try {
        counted = countTotal(doc.currency, doc.count, doc.looseAmount ?? 0);
      } catch (error) {
        issue(['count'], (error as Error).message);
      }
      if (counted !== null && counted !== doc.amount) issue(['amount'], `is not the count's total (${counted})`);
    }
  }
  if (doc.kind !== 'shift_open' && shift && (shift.kind !== 'shift_open' || shift.deviceId !== doc.deviceId)) issue(['shiftId'], "names no shift of this register's drawer");
  return issues;
}

/** Why a drawer document needs a manager by the location's rules (a close over or short beyond the threshold); empty when it does not. */
export function drawerApprovalReasons(doc: DrawerDoc, policy: DrawerPolicy): string[] {
  if (doc.kind !== 'shift_close' || doc.expected === null) return [];
  const close = checkClose(doc.expected, doc.amount, policy);
  return close.needsApproval ? [`the drawer closed ${close.difference < 0 ? 'short' : 'over'} by ${Math.abs(close.difference)}, above the location's limit`] : [];
}
