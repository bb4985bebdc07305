import type { StaffDoc } from '../../../shared/schemas/index';
import { StaffPinForm } from './StaffPinForm';
import { useSession } from './session-store';

export function LockScreen({ staff }: { staff: StaffDoc[] }) {
  const signIn = useSession((s) => s.signIn);
  return (
    <section className="lock card" aria-label="Sign in">
      <h1>Sign in</h1>
      <p className="muted">The register is locked. Choose your name and enter your PIN.</p>
      <StaffPinForm staff={staff} onVerified={signIn} />
    </section>
  );
}
