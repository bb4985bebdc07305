import { create } from 'zustand';
import { describeAction, isAllowed, isManager, type RegisterAction } from '../../../shared/auth/index';
import type { StaffDoc } from '../../../shared/schemas/index';
import { useRegister } from '../app/register-context';
import { auditPinOverride } from '../audit/register-events';
import { StaffPinForm } from './StaffPinForm';
import { useSession } from './session-store';

interface Pending {
  action: RegisterAction;
  resolve(approverId: string | null): void;
}

const useApproval = create<{ pending: Pending | null }>()(() => ({ pending: null }));

/**
 * Resolves with who allowed `action`: the person signed in when their role may do it, else a
 * manager or owner who enters their PIN; null when it was cancelled.
 */
export function requestApproval(action: RegisterAction): Promise<string | null> {
  const user = useSession.getState().user;
  if (user && isAllowed(user.role, action)) return Promise.resolve(user.id);
  useApproval.getState().pending?.resolve(null);
  return new Promise((resolve) => useApproval.setState({ pending: { action, resolve } }));
}

export function ApprovalDialog({ staff }: { staff: StaffDoc[] }) {
  const pending = useApproval((s) => s.pending);
  const { journal } = useRegister();
  if (!pending) return null;
  const close = (approverId: string | null) => {
    useApproval.setState({ pending: null });
    pending.resolve(approverId);
  };
  return (
    <div className="backdrop">
      <section className="dialog card" role="dialog" aria-modal="true" aria-label="Manager approval">
        <h2>Manager approval</h2>
        <p>{`A manager must approve ${describeAction(pending.action)}.`}</p>
        <StaffPinForm staff={staff.filter((s) => isManager(s.role))} onVerified={(s) => (void auditPinOverride(journal, s.id, pending.action.kind, useSession.getState().user?.id ?? null), close(s.id))} />
        <button type="button" onClick={() => close(null)}>
          Cancel
        </button>
      </section>
    </div>
  );
}
