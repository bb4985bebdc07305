import { describe, expect, it } from 'vitest';
import { FRONT_DESK_DISCOUNT_LIMIT, hashPin, isAllowed, isValidPin, PIN_SCRYPT, pinIssue, verifyPin } from '../../shared/auth/index';
import { validateDocument } from '../../shared/schemas/index';
import { MAX_PIN_FAILURES, PIN_LOCKOUT_MS, signInStaff, useSession } from '../../renderer/src/session/session-store';
import type { StaffDoc, StaffPin } from '../../shared/schemas/index';

describe('staff PINs', () => {
  it('hashes with scrypt at N=2^15, r=8, p=1 and a random salt, and verifies only the right PIN', async () => {
    const stored = await hashPin('3333');
    expect(stored).toMatchObject({ algorithm: 'scrypt', N: 2 ** 15, r: 8, p: 1 });
    expect(PIN_SCRYPT).toEqual({ N: 32768, r: 8, p: 1 });
    expect(stored.hash).not.toContain('3333');
    expect(await verifyPin('3333', stored)).toBe(true);
    expect(await verifyPin('3334', stored)).toBe(false);
    expect(await verifyPin('33333', stored)).toBe(false);
    expect((await hashPin('3333')).salt).not.toBe(stored.salt);
    expect(await verifyPin('3333', null)).toBe(false);
    expect(await verifyPin('3333', { ...stored, hash: stored.hash.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) })).toBe(false);
    expect(await verifyPin('3333', { ...stored, N: 2 ** 14 })).toBe(false);
  });

  it('still verifies a PBKDF2-SHA256 hash stored before scrypt (600,000 iterations), and only its PIN', async () => {
    // Made by the previous hashPin: pbkdf2('4821', salt, 600000, 32 bytes, SHA-256).
    const old = { algorithm: 'PBKDF2-SHA256', salt: 'c2FsdHNhbHRzYWx0c2FsdA==', iterations: 600_000, hash: 'EjtKjHrIO1Nd6jIqDWksG+2kg/u4Ap5e3uQejL5N7lk=' } as const;
    expect(await verifyPin('4821', old)).toBe(true);
    expect(await verifyPin('4822', old)).toBe(false);
    expect(await verifyPin('4821', { ...old, algorithm: 'MD5' } as unknown as StaffPin)).toBe(false);
  });

  it('the staff schema accepts both kinds of hash, and refuses weak or oversized parameters', async () => {
    const pin = await hashPin('123456');
    const staff: StaffDoc = {
      id: 's1', tenantId: 't1', locationIds: ['l1'], name: 'Jordan', role: 'front_desk', providesServices: false,
      commissionRate: '0', tipCommissionRate: '0', active: true, pin, updatedAt: '2026-11-21T00:00:00.000Z',
    };
    const old = { algorithm: 'PBKDF2-SHA256' as const, salt: pin.salt, iterations: 600_000, hash: pin.hash };
    expect(validateDocument('staff', staff)).toEqual([]);
    expect(validateDocument('staff', { ...staff, pin: old })).toEqual([]);
    expect(validateDocument('staff', { ...staff, pin: null })).toEqual([]);
    expect(validateDocument('staff', { ...staff, pin: { ...old, iterations: 1000 } })).not.toEqual([]);
    expect(validateDocument('staff', { ...staff, pin: { ...pin, N: 1024 } })).not.toEqual([]);
    expect(validateDocument('staff', { ...staff, pin: { ...pin, N: 2 ** 20 } })).not.toEqual([]);
    expect(validateDocument('staff', { ...staff, pin: { ...pin, iterations: 600_000 } })).not.toEqual([]);
    expect(validateDocument('staff', { ...staff, pin: { ...old, algorithm: 'scrypt' } })).not.toEqual([]);
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
