import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, eventHash, sealEvent, verifyChain, type UnsealedEvent } from '../../shared/audit/index';
import { GENESIS_HASH, validateDocument, type AuditEventDoc } from '../../shared/schemas/index';

function unsealed(n: number): UnsealedEvent {
  return {
    id: `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    tenantId: 't1',
    locationId: 'l1',
    deviceId: 'd1',
    kind: n % 2 ? 'sale' : 'sign_in',
    staffId: 's1',
    subjectId: null,
    details: { total: n * 100, currency: 'USD' },
    createdAt: `2026-11-21T10:00:0${n % 10}.000Z`,
  };
}

function chain(length: number): AuditEventDoc[] {
  const events: AuditEventDoc[] = [];
  for (let n = 1; n <= length; n++) events.push(sealEvent(events.at(-1) ?? null, unsealed(n)));
  return events;
}

describe('canonical JSON', () => {
  it('is one string whatever the key order, with sorted keys and no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 'x'], c: null } })).toBe('{"a":{"c":null,"d":[3,"x"]},"b":1}');
    expect(canonicalJson({ a: { c: null, d: [3, 'x'] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [3, 'x'], c: null } }));
  });
});

describe('the audit chain', () => {
  it('hashes the previous hash followed by the canonical event, with SHA-256', () => {
    const [first] = chain(1);
    const { hash, ...content } = first!;
    const expected = createHash('sha256').update(GENESIS_HASH + canonicalJson(content)).digest('hex');
    expect(hash).toBe(expected);
    expect(eventHash(content)).toBe(expected);
    expect(first!.seq).toBe(1);
    expect(validateDocument('audit_events', first)).toEqual([]);
  });

  it('links each event to the one before', () => {
    const events = chain(5);
    events.slice(1).forEach((event, i) => expect(event.prevHash).toBe(events[i]!.hash));
    expect(verifyChain(events)).toEqual({ ok: true, length: 5, lastHash: events[4]!.hash });
    expect(verifyChain([...events].reverse())).toMatchObject({ ok: true, length: 5 });
  });

  it('finds an edited event', () => {
    const events = chain(5);
    events[2] = { ...events[2]!, details: { total: 1, currency: 'USD' } };
    expect(verifyChain(events)).toMatchObject({ ok: false, firstBreak: { seq: 3, reason: 'edited' } });
  });

  it('finds an edited event whose hash was recomputed, at the next link', () => {
    const events = chain(5);
    const { hash: _old, ...forged } = { ...events[2]!, details: { total: 1, currency: 'USD' } };
    events[2] = { ...forged, hash: eventHash(forged) };
    expect(verifyChain(events)).toMatchObject({ ok: false, firstBreak: { seq: 4, reason: 'relinked' } });
  });

  it('finds a removed event', () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(verifyChain(events)).toMatchObject({ ok: false, firstBreak: { seq: 2, reason: 'missing', eventId: null } });
  });

  it('finds reordered events, even renumbered and rehashed', () => {
    const events = chain(5);
    const rehash = ({ hash: _old, ...content }: AuditEventDoc): AuditEventDoc => ({ ...content, hash: eventHash(content) });
    const swapped = [events[0]!, rehash({ ...events[2]!, seq: 2 }), rehash({ ...events[1]!, seq: 3 }), events[3]!, events[4]!];
    expect(verifyChain(swapped)).toMatchObject({ ok: false, firstBreak: { seq: 2, reason: 'relinked' } });
  });

  it('finds a duplicated sequence number', () => {
    const events = chain(3);
    expect(verifyChain([...events, { ...events[1]!, id: 'other' }])).toMatchObject({ ok: false, firstBreak: { seq: 2, reason: 'duplicate' } });
  });

  it('continues from a known-good event', () => {
    const events = chain(6);
    expect(verifyChain(events.slice(3), events[2]!)).toMatchObject({ ok: true, length: 6 });
    expect(verifyChain(events.slice(4), events[2]!)).toMatchObject({ ok: false, firstBreak: { seq: 4, reason: 'missing' } });
  });
});
