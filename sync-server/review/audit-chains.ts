import type { Transaction } from 'kysely';
import { verifyChain, type ChainBreak } from '../../shared/audit/index';
import { newId } from '../../shared/ids';
import type { AuditEventDoc } from '../../shared/schemas/index';
import type { Database } from '../db/schema';
import { documentsWhere } from './documents';

/**
 * Re-checks each pushing register's chain from its last verified event. A clean chain moves
 * the head forward and resolves findings it now covers (an event that arrived late); a break
 * moves the head to the last good event and is stored as an open finding, once.
 */
export async function checkAuditChains(trx: Transaction<Database>, tenantId: string, events: readonly AuditEventDoc[], now: Date): Promise<void> {
  for (const deviceId of new Set(events.map((event) => event.deviceId))) {
    const head = await trx.selectFrom('audit_chain_heads').select(['seq', 'hash']).where('device_id', '=', deviceId).executeTakeFirst();
    const start = head ? { seq: Number(head.seq), hash: head.hash } : null;
    const stored = await documentsWhere<AuditEventDoc>(trx, tenantId, 'audit_events', 'deviceId', [deviceId]);
    const pending = stored.filter((event) => event.seq > (start?.seq ?? 0));
    const verdict = verifyChain(pending, start);
    if (verdict.ok) {
      await moveHead(trx, tenantId, deviceId, verdict.length, verdict.lastHash, now);
      await trx
        .updateTable('audit_findings')
        .set({ resolved_at: now })
        .where('device_id', '=', deviceId)
        .where('resolved_at', 'is', null)
        .where('seq', '<=', verdict.length)
        .execute();
    } else {
      const good = verifyChain(pending.filter((event) => event.seq < verdict.firstBreak.seq), start);
      if (good.ok && good.length > (start?.seq ?? 0)) await moveHead(trx, tenantId, deviceId, good.length, good.lastHash, now);
      await recordFinding(trx, tenantId, deviceId, verdict.firstBreak, now);
    }
  }
}

async function moveHead(trx: Transaction<Database>, tenantId: string, deviceId: string, seq: number, hash: string, now: Date): Promise<void> {
  await trx
    .insertInto('audit_chain_heads')
    .values({ device_id: deviceId, tenant_id: tenantId, seq, hash, verified_at: now })
    .onConflict((oc) => oc.column('device_id').doUpdateSet({ seq, hash, verified_at: now }))
    .execute();
}

async function recordFinding(trx: Transaction<Database>, tenantId: string, deviceId: string, found: ChainBreak, now: Date): Promise<void> {
  await trx
    .insertInto('audit_findings')
    .values({ id: newId(), tenant_id: tenantId, device_id: deviceId, seq: found.seq, event_id: found.eventId, reason: found.reason, message: found.message, detected_at: now })
    .onConflict((oc) => oc.columns(['device_id', 'seq', 'reason']).where('resolved_at', 'is', null).doNothing())
    .execute();
}
