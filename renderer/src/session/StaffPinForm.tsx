import { useEffect, useState } from 'react';
import { pinIssue, verifyPin } from '../../../shared/auth/index';
import type { StaffDoc } from '../../../shared/schemas/index';
import { PinPad } from './PinPad';
import { useSession } from './session-store';
import { clock } from '../clock';

const ROLE_NAMES: Record<StaffDoc['role'], string> = { front_desk: 'Front desk', provider: 'Provider', manager: 'Manager', owner: 'Owner' };

export function roleName(role: StaffDoc['role']): string {
  return ROLE_NAMES[role];
}

/** Pick a person, then their PIN. Wrong PINs count towards a short lockout. */
export function StaffPinForm({ staff, onVerified }: { staff: StaffDoc[]; onVerified(staff: StaffDoc): void }) {
  const [chosen, setChosen] = useState<StaffDoc | null>(staff.length === 1 ? staff[0]! : null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { blockedUntil, failed } = useSession();
  const [now, setNow] = useState(clock.ms());
  useEffect(() => {
    if (blockedUntil <= now) return;
    const timer = setInterval(() => setNow(clock.ms()), 1000);
    return () => clearInterval(timer);
  }, [blockedUntil, now]);

  if (staff.length === 0) {
    return <p className="muted">No one can sign in yet: staff and their PINs arrive from the back office when the register is online.</p>;
  }
  if (!chosen) {
    return (
      <div className="staff-tiles" role="group" aria-label="Who is signing in?">
        {staff.map((s) => (
          <button key={s.id} type="button" className="tile" onClick={() => setChosen(s)}>
            <strong>{s.name}</strong>
            <span className="muted">{roleName(s.role)}</span>
          </button>
        ))}
      </div>
    );
  }
  const waitSeconds = Math.ceil((blockedUntil - now) / 1000);
  return (
    <div>
      <p>
        <strong>{chosen.name}</strong>{' '}
        {staff.length > 1 && (
          <button type="button" className="link" onClick={() => (setChosen(null), setError(null))}>
            not you?
          </button>
        )}
      </p>
      <PinPad
        label={`PIN for ${chosen.name}`}
        busy={busy || waitSeconds > 0}
        error={waitSeconds > 0 ? `Too many wrong PINs: try again in ${waitSeconds} s.` : error}
        onSubmit={async (pin) => {
          // A manager's or owner's PIN shorter than the back office allows is refused unheard.
          const issue = pinIssue(chosen.role, pin);
          if (issue) return setError(issue);
          setBusy(true);
          setError(null);
          try {
            if (await verifyPin(pin, chosen.pin)) onVerified(chosen);
            else {
              failed();
              setNow(clock.ms());
              setError('That PIN is not right. Try again.');
            }
          } catch (e) {
            setError(`The PIN could not be checked: ${e instanceof Error ? e.message : String(e)}`);
          } finally {
            setBusy(false);
          }
        }}
      />
    </div>
  );
}
