import { createHash, randomBytes, randomInt } from 'node:crypto';

export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored hashed: a database leak does not hand out working register tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A code a person types on the register: 8 digits, shown as 1234-5678. */
export function newPairingCode(): string {
  const digits = randomInt(0, 100_000_000).toString().padStart(8, '0');
  return `${digits.slice(0, 4)}-${digits.slice(4)}`;
}

export function normalizePairingCode(input: string): string {
  const digits = input.replace(/\D/g, '');
  return digits.length === 8 ? `${digits.slice(0, 4)}-${digits.slice(4)}` : input.trim();
}
