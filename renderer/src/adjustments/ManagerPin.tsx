import { isManager } from '../../../shared/auth/index';
import type { StaffDoc } from '../../../shared/schemas/index';
import type { AuditJournal } from '../audit/journal';
import { auditPinOverride } from '../audit/register-events';
import type { SignedIn } from '../session/session-store';
import { StaffPinForm } from '../session/StaffPinForm';

/** Who approves without a PIN: the person signed in, when they are a manager or owner. */
export function selfApprover(user: SignedIn | null): string | null {
  return user && isManager(user.role) ? user.id : null;
}

/**
 * A manager's PIN for one adjustment, with the same PIN form (and lockout) as sign-in. Each
 * approval is a `pin_override` event in the register's audit chain.
 */
export function ManagerPin({
  staff, why, journal, user, orderId, action, onApproved, onCancel,
}: {
  staff: StaffDoc[];
  why: string;
  journal: AuditJournal;
  user: SignedIn | null;
  orderId: string;
  action: 'refund' | 'void' | 'tip_adjustment';
  onApproved(managerId: string): void;
  onCancel(): void;
}) {
  return (
    <section aria-label="Manager approval">
      <h3>Manager approval</h3>
      <p>{why}</p>
      <StaffPinForm
        staff={staff.filter((s) => isManager(s.role))}
        onVerified={(manager) => {
          void auditPinOverride(journal, manager.id, action, user?.id ?? null, orderId).then(() => onApproved(manager.id));
        }}
      />
      <button type="button" onClick={onCancel}>
        Back
      </button>
    </section>
  );
}
