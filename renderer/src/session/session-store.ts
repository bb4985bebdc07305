import { create } from 'zustand';
import type { StaffDoc, StaffRole } from '../../../shared/schemas/index';
import { clock } from '../clock';

export interface SignedIn {
  id: string;
  name: string;
  role: StaffRole;
}

/** Wrong PINs in a row before the register makes people wait, and how long. */
export const MAX_PIN_FAILURES = 5;
export const PIN_LOCKOUT_MS = 30_000;

interface SessionState {
  /** Who works the register now; null: locked. Not persisted: a reload locks the register. */
  user: SignedIn | null;
  failures: number;
  /** Epoch ms until which PIN entry is refused after too many wrong PINs. */
  blockedUntil: number;
  signIn(staff: Pick<StaffDoc, 'id' | 'name' | 'role'>): void;
  failed(now?: number): void;
  lock(): void;
}

export const useSession = create<SessionState>()((set) => ({
  user: null,
  failures: 0,
  blockedUntil: 0,
  signIn: (staff) => set({ user: { id: staff.id, name: staff.name, role: staff.role }, failures: 0, blockedUntil: 0 }),
  failed: (now = clock.ms()) =>
    set((state) => {
      const failures = state.failures + 1;
      return failures >= MAX_PIN_FAILURES ? { failures: 0, blockedUntil: now + PIN_LOCKOUT_MS } : { failures };
    }),
  lock: () => set({ user: null }),
}));

/** Staff who can sign in at this location: active, with a PIN set. */
export function signInStaff(staff: readonly StaffDoc[], locationId: string): StaffDoc[] {
  return staff
    .filter((s) => s.active && s.pin && s.locationIds.includes(locationId))
    .sort((a, b) => a.name.localeCompare(b.name));
}
