import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import canonicalize from 'canonicalize';
import { GENESIS_HASH, type AuditEventDoc } from '../schemas/audit-events';

export type UnsealedEvent = Omit<AuditEventDoc, 'seq' | 'prevHash' | 'hash'>;

/** RFC 8785 canonical JSON: one byte string for one value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  const text = (canonicalize as unknown as (v: unknown) => string | undefined)(value);
  if (text === undefined) throw new Error('This value has no JSON form.');
  return text;
}

/** The event's own fields: replication metadata (`_deleted`, `_rev`, `_meta`) is not part of it. */
function ownFields(event: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(event).filter(([key]) => !key.startsWith('_')));
}

/** SHA-256 over the previous hash and the event's canonical JSON (without its own hash). */
export function eventHash(event: Omit<AuditEventDoc, 'hash'>): string {
  return bytesToHex(sha256(utf8ToBytes(event.prevHash + canonicalJson(ownFields(event)))));
}

/** The next link of a register's chain, after `previous` (null for the first event). */
export function sealEvent(previous: Pick<AuditEventDoc, 'seq' | 'hash'> | null, event: UnsealedEvent): AuditEventDoc {
  const linked = { ...event, seq: (previous?.seq ?? 0) + 1, prevHash: previous?.hash ?? GENESIS_HASH };
  return { ...linked, hash: eventHash(linked) };
}

export type ChainBreakReason = 'edited' | 'missing' | 'duplicate' | 'relinked';

export interface ChainBreak {
  seq: number;
  eventId: string | null;
  reason: ChainBreakReason;
  message: string;
}

export type ChainVerdict = { ok: true; length: number; lastHash: string } | { ok: false; firstBreak: ChainBreak };

/**
 * Checks one register's events, from `start` (the last event already known good, or null
 * for the beginning of the chain). Events may come in any order; they are read by `seq`.
 */
export function verifyChain(events: readonly AuditEventDoc[], start: Pick<AuditEventDoc, 'seq' | 'hash'> | null = null): ChainVerdict {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  let expectedSeq = (start?.seq ?? 0) + 1;
  let previousHash = start?.hash ?? GENESIS_HASH;
  for (const event of sorted) {
    const at = (reason: ChainBreakReason, message: string, seq = event.seq, eventId: string | null = event.id): ChainVerdict => ({
      ok: false,
      firstBreak: { seq, eventId, reason, message },
    });
    if (event.seq < expectedSeq) return at('duplicate', `Event ${event.seq} appears more than once.`);
    if (event.seq > expectedSeq) return at('missing', `Event ${expectedSeq} is missing before event ${event.seq}.`, expectedSeq, null);
    const { hash, ...content } = event;
    if (eventHash(content) !== hash) return at('edited', `Event ${event.seq} does not match its hash: its content was changed.`);
    if (event.prevHash !== previousHash) {
      return at('relinked', `Event ${event.seq} does not follow event ${event.seq - 1}: events were removed, reordered or replaced.`);
    }
    previousHash = hash;
    expectedSeq += 1;
  }
  return { ok: true, length: expectedSeq - 1, lastHash: previousHash };
}
