import type { RegisterDatabase } from '../db/database';
import { usePairing } from './pairing-store';

/**
 * Why this register may not be unpaired (or re-paired) now, or null. Anything in the outbox
 * (waiting, or refused and kept) was never received by the server; once paired again, the
 * register's new device may not push documents the old one made, so they would be lost.
 */
export async function unpairRefusal(db: RegisterDatabase): Promise<string | null> {
  const unsent = await db.sync_outbox.count().exec();
  if (unsent === 0) return null;
  return `${unsent} ${unsent === 1 ? 'record has' : 'records have'} not reached the server yet. Unpairing now would lose ${unsent === 1 ? 'it' : 'them'}: connect the register and wait until it says "all sales sent".`;
}

/** Unpairs the register (back to the pairing screen), unless something still waits to be sent: then says why not. */
export async function unpairRegister(db: RegisterDatabase): Promise<{ ok: true } | { ok: false; reason: string }> {
  const reason = await unpairRefusal(db);
  if (reason) return { ok: false, reason };
  usePairing.getState().forget();
  return { ok: true };
}
