import { describe, expect, it } from 'vitest';
import { FRONT_DESK_DISCOUNT_LIMIT, hashPin, isAllowed, isValidPin, PIN_ITERATIONS, pinIssue, verifyPin } from '../../shared/auth/index';
import { validateDocument } from '../../shared/schemas/index';
import { MAX_PIN_FAILURES, PIN_LOCKOUT_MS, signInStaff, useSession } from '../../renderer/src/session/session-store';
import type { StaffDoc } from '../../shared/schemas/index';

describe('staff PINs', () => {
  it('hashes with PBKDF2-SHA256 and a random salt, and verifies only the right PIN', async () => {
    const stored = await hashPin('3333', 100_000);
    expect(stored).toMatchObject({ algorithm: 'PBKDF2-SHA256', iterations: 100_000 });
    expect(stored.hash).not.toContain('3333');
    expect(await verifyPin('3333', stored)).toBe(true);
    expect(await verifyPin('3334', stored)).toBe(false);
    expect(await verifyPin('33333', stored)).toBe(false);
    expect((await hashPin('3333', 100_000)).salt).not.toBe(stored.salt);
    expect(await verifyPin('3333', null)).toBe(false);
    expect(await verifyPin('3333', { ...stored, hash: stored.hash.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) })).toBe(false);
  });

  it('uses a high iteration count by default, and the staff schema accepts what it makes', async () => {
    expect(PIN_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const pin = await hashPin('123456');
    expect(pin.iterations).toBe(PIN_ITERATIONS);
    const staff: StaffDoc = {
      id: 's1', tenantId: 't1', locationIds: ['l1'], name: 'Jordan', role: 'front_desk', providesServices: false,
      commissionRate: '0', tipCommissionRate: '0', active: true, pin, updatedAt: '2026-11-21T00:00:00.000Z',
    };
    expect(validateDocument('staff', staff)).toEqual([]);
    expect(validateDocument('staff', { ...staff, pin: null })).toEqual([]);
    expect(validateDocument('staff', { ...staff, pin: { ...pin, iterations: 1000 } })).not.toEqual([]);
  });

  it('takes 4 to 6 digits only', async () => {
    expect(['1234', '123456'].map(isValidPin)).toEqual([true, true]);
    expect(['123', '1234567', '12a4', ''].map(isValidPin)).toEqual([false, false, false, false]);
    await expect(hashPin('12')).rejects.toThrow('4 to 6 digits');
  });

  it('asks 6 digits of managers and owners, whose PIN approves money going back', () => {
    expect((['front_desk', 'provider', 'manager', 'owner'] as const).map((role) => pinIssue(role, '4821'))).toEqual([
      null, null, "A manager's PIN has 6 digits: ask for it to be reset in the back office.", "An owner's PIN has 6 digits: ask for it to be reset in the back office.",
    ]);
    expect(pinIssue('owner', '482193')).toBeNull();
    expect(pinIssue('provider', '48a1')).toBe('A PIN is 4 to 6 digits.');
  });
});

describe('register permissions', () => {
  it('lets the front desk give discounts up to the limit, and nothing a manager must approve', () => {
    expect(FRONT_DESK_DISCOUNT_LIMIT).toBe('10');
    expect(isAllowed('front_desk', { kind: 'discount', percent: '10' })).toBe(true);
    expect(isAllowed('front_desk', { kind: 'discount', percent: '10.01' })).toBe(false);
    expect(isAllowed('front_desk', { kind: 'discount_amount', amount: 650, of: 6500 })).toBe(true);
    expect(isAllowed('front_desk', { kind: 'discount_amount', amount: 651, of: 6500 })).toBe(false);
    expect(isAllowed('provider', { kind: 'custom_price' })).toBe(false);
    expect(isAllowed('front_desk', { kind: 'no_sale' })).toBe(false);
    for (const role of ['manager', 'owner'] as const) {
      expect(isAllowed(role, { kind: 'discount', percent: '100' })).toBe(true);
      expect(isAllowed(role, { kind: 'custom_price' })).toBe(true);
      expect(isAllowed(role, { kind: 'no_sale' })).toBe(true);
    }
  });
});

describe('session', () => {
  it('signs in, locks, and makes people wait after too many wrong PINs', () => {
    const session = useSession.getState();
    session.signIn({ id: 's1', name: 'Jordan', role: 'front_desk' });
    expect(useSession.getState().user).toEqual({ id: 's1', name: 'Jordan', role: 'front_desk' });
    useSession.getState().lock();
    expect(useSession.getState().user).toBeNull();
    for (let i = 0; i < MAX_PIN_FAILURES - 1; i++) useSession.getState().failed(1000);
    expect(useSession.getState().blockedUntil).toBe(0);
    useSession.getState().failed(1000);
    expect(useSession.getState().blockedUntil).toBe(1000 + PIN_LOCKOUT_MS);
  });

  it('offers the active staff of this location who have a PIN', () => {
    const base = { tenantId: 't', providesServices: true, commissionRate: '0', tipCommissionRate: '0', updatedAt: '2026-11-21T00:00:00.000Z' };
    const pin = { algorithm: 'PBKDF2-SHA256' as const, salt: 'x', iterations: 1, hash: 'y' };
    const staff: StaffDoc[] = [
      { ...base, id: 'a', name: 'Zed', role: 'owner', locationIds: ['here'], active: true, pin },
      { ...base, id: 'b', name: 'Amy', role: 'provider', locationIds: ['here'], active: true, pin },
      { ...base, id: 'c', name: 'Gone', role: 'provider', locationIds: ['here'], active: false, pin },
      { ...base, id: 'd', name: 'NoPin', role: 'provider', locationIds: ['here'], active: true, pin: null },
      { ...base, id: 'e', name: 'Elsewhere', role: 'provider', locationIds: ['there'], active: true, pin },
    ];
    expect(signInStaff(staff, 'here').map((s) => s.name)).toEqual(['Amy', 'Zed']);
  });
});
