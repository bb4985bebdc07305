import { parsePercent } from '../money/percent';
import type { StaffRole } from '../schemas/staff';

/**
 * What the person signed in at the register may do on their own. Anything else needs a
 * manager or owner to approve it with their PIN.
 */
export type RegisterAction =
  | { kind: 'discount'; percent: string }
  /** A fixed-amount discount of `amount` on `of` (minor units). */
  | { kind: 'discount_amount'; amount: number; of: number }
  | { kind: 'custom_price' }
  | { kind: 'no_sale' };

/** The largest discount the front desk may give without a manager, in percent. */
export const FRONT_DESK_DISCOUNT_LIMIT = '10';

const MANAGERS: readonly StaffRole[] = ['manager', 'owner'];

export function isManager(role: StaffRole): boolean {
  return MANAGERS.includes(role);
}

export function isAllowed(role: StaffRole, action: RegisterAction, discountLimit = FRONT_DESK_DISCOUNT_LIMIT): boolean {
  if (isManager(role)) return true;
  const limit = parsePercent(discountLimit);
  switch (action.kind) {
    case 'discount':
      return parsePercent(action.percent) <= limit;
    case 'discount_amount':
      // amount / of <= limit / 100 (millionths), in integers.
      return action.of === 0 ? action.amount === 0 : BigInt(action.amount) * 1_000_000n <= BigInt(limit) * BigInt(action.of);
    case 'custom_price':
    case 'no_sale':
      return false;
  }
}

export function describeAction(action: RegisterAction): string {
  switch (action.kind) {
    case 'discount':
      return `a ${action.percent}% discount`;
    case 'discount_amount':
      return 'this discount';
    case 'custom_price':
      return 'a custom amount';
    case 'no_sale':
      return 'opening the drawer without a sale';
  }
}
