import { scryptAsync } from '@noble/hashes/scrypt.js';
import type { Pbkdf2Pin, ScryptPin, StaffPin, StaffRole } from '../schemas/staff';
import { isManager } from './permissions';

/**
 * Staff PINs: 4 to 6 digits (6 for managers and owners, whose PIN approves refunds and voids),
 * stored as scrypt with a random salt, the same code in the register and in Node. A PIN has few
 * possible values, so the hash only slows down guessing one off a synced document: scrypt
 * needs 32 MiB per guess, which GPUs and many cores do not make cheap as they do PBKDF2. The
 * `algorithm` field versions the hash: PBKDF2-SHA256 ones stored before still verify.
 */
export const PIN_PATTERN = /^\d{4,6}$/;
/** About 190 ms in Node and 250 ms in the register's browser, per hash and per check. */
export const PIN_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

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

async function derivePbkdf2(pin: string, stored: Pbkdf2Pin): Promise<Uint8Array> {
  const key = await subtle().importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const params = { name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(stored.salt), iterations: stored.iterations };
  return new Uint8Array(await subtle().deriveBits(params, key, KEY_BYTES * 8));
}

function deriveScrypt(pin: string, salt: Uint8Array, { N, r, p }: Omit<ScryptPin, 'algorithm' | 'salt' | 'hash'>): Promise<Uint8Array> {
  // The async variant yields to the register's UI thread every few milliseconds.
  return scryptAsync(pin, salt, { N, r, p, dkLen: KEY_BYTES });
}

export async function hashPin(pin: string): Promise<ScryptPin> {
  if (!isValidPin(pin)) throw new Error('A PIN is 4 to 6 digits.');
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return { algorithm: 'scrypt', salt: toBase64(salt), ...PIN_SCRYPT, hash: toBase64(await deriveScrypt(pin, salt, PIN_SCRYPT)) };
}

/** The key `pin` gives with `stored`'s algorithm and parameters; null for an algorithm this code does not know. */
function derive(pin: string, stored: StaffPin): Promise<Uint8Array> | null {
  switch (stored.algorithm) {
    case 'scrypt': return deriveScrypt(pin, fromBase64(stored.salt), stored);
    case 'PBKDF2-SHA256': return derivePbkdf2(pin, stored);
    default: return null;
  }
}

/** True when `pin` is the one `stored` was made from; compares every byte whatever differs. */
export async function verifyPin(pin: string, stored: StaffPin | null | undefined): Promise<boolean> {
  const derived = stored && isValidPin(pin) ? derive(pin, stored) : null;
  if (!stored || !derived) return false;
  const expected = fromBase64(stored.hash);
  const actual = await derived;
  let difference = expected.length ^ actual.length;
  for (let i = 0; i < expected.length; i++) difference |= expected[i]! ^ (actual[i] ?? 0);
  return difference === 0;
}
