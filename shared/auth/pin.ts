import type { StaffPin, StaffRole } from '../schemas/staff';
import { isManager } from './permissions';

/**
 * Staff PINs: 4 to 6 digits (6 for managers and owners, whose PIN approves refunds and voids),
 * stored as PBKDF2-SHA256 (WebCrypto, the same in the register and
 * in Node) with a random salt. A PIN has few possible values, so the hash only keeps it from
 * being read off a synced document; the register also slows down repeated wrong guesses.
 */
export const PIN_PATTERN = /^\d{4,6}$/;
export const PIN_ITERATIONS = 600_000;

function subtle(): SubtleCrypto {
  const crypto = globalThis.crypto;
  if (!crypto?.subtle) throw new Error('WebCrypto is not available here (it needs a secure context: https, localhost or the app).');
  return crypto.subtle;
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

export function isValidPin(pin: string): boolean {
  return PIN_PATTERN.test(pin);
}

/** Managers and owners approve money going back: their PINs have the most digits the pad takes. */
export const MANAGER_PIN_DIGITS = 6;

/** Why `pin` cannot be the PIN of someone in `role`, or null when it can (the back office and the register ask alike). */
export function pinIssue(role: StaffRole, pin: string): string | null {
  if (!isValidPin(pin)) return 'A PIN is 4 to 6 digits.';
  if (isManager(role) && pin.length < MANAGER_PIN_DIGITS) {
    return `${role === 'owner' ? 'An' : 'A'} ${role}'s PIN has ${MANAGER_PIN_DIGITS} digits: ask for it to be reset in the back office.`;
  }
  return null;
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await subtle().importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256));
}

export async function hashPin(pin: string, iterations = PIN_ITERATIONS): Promise<StaffPin> {
  if (!isValidPin(pin)) throw new Error('A PIN is 4 to 6 digits.');
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return { algorithm: 'PBKDF2-SHA256', salt: toBase64(salt), iterations, hash: toBase64(await derive(pin, salt, iterations)) };
}

/** True when `pin` is the one `stored` was made from; compares every byte whatever differs. */
export async function verifyPin(pin: string, stored: StaffPin | null | undefined): Promise<boolean> {
  if (!stored || stored.algorithm !== 'PBKDF2-SHA256' || !isValidPin(pin)) return false;
  const expected = fromBase64(stored.hash);
  const actual = await derive(pin, fromBase64(stored.salt), stored.iterations);
  let difference = expected.length ^ actual.length;
  for (let i = 0; i < expected.length; i++) difference |= expected[i]! ^ (actual[i] ?? 0);
  return difference === 0;
}
