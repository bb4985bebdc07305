import type { FastifyBaseLogger } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type { NotificationDoc } from '../../shared/schemas/index';
import type { Database } from '../db/schema';
import { recordRequests } from '../notifications/log';
import { currentSeq, pullChanges, type Change } from '../replication/store';
import { orderIdOf, PROJECTED_COLLECTIONS, projectOrders } from './ledger';

const FOLLOWED = [...PROJECTED_COLLECTIONS, 'notifications'] as const;

/** Documents read from the sequence per round; a backlog is projected in one transaction, round by round. */
const BATCH = 1000;

/**
 * Brings a tenant's projections up to the sequence committed now. Pushes only store documents;
 * the projections follow the server's sequence here, so a document is projected once, in the
 * order the server received it. The checkpoint row lock makes concurrent runs (two server
 * processes on one database) wait for each other instead of projecting twice. The registers'
 * notification requests are recorded in the delivery log on the way; their ids are returned.
 */
export async function projectPending(db: Kysely<Database>, tenantId: string): Promise<string[]> {
  const behind = await db
    .selectFrom('projection_checkpoints as p')
    .innerJoin('tenant_seq as t', 't.tenant_id', 'p.tenant_id')
    .select('p.tenant_id')
    .where('p.tenant_id', '=', tenantId)
    .whereRef('p.seq', '<', 't.seq')
    .executeTakeFirst();
  if (!behind) return [];
  return db.transaction().execute(async (trx) => {
    let from = await lockedCheckpoint(trx, tenantId);
    const upTo = await currentSeq(trx, tenantId);
    const requested: string[] = [];
    while (from < upTo) {
      const changes = (await pullChanges(trx, { tenantId, locationId: null }, FOLLOWED, from, BATCH)).filter((change) => change.seq <= upTo);
      if (changes.length === 0) break;
      const money = changes.filter((change) => change.collection !== 'notifications');
      await projectOrders(trx, tenantId, [...new Set(money.map((change) => orderIdOf(change.collection, change.data)))]);
      requested.push(...(await recordRequests(trx, changes.filter((change) => change.collection === 'notifications').map(notificationRequest))));
      from = changes.at(-1)!.seq;
    }
    await trx.updateTable('projection_checkpoints').set({ seq: upTo }).where('tenant_id', '=', tenantId).execute();
    return requested;
  });
}

function notificationRequest(change: Change) {
  const doc = change.data as unknown as NotificationDoc;
  return {
    id: doc.id, tenantId: doc.tenantId, locationId: doc.locationId, kind: doc.kind, channel: doc.channel,
    recipient: doc.to, orderId: doc.orderId, requestedAt: change.receivedAt,
  };
}

/** Tenants whose projections are behind their sequence (after a restart: pushes a killed process did not project). */
export async function tenantsBehind(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('projection_checkpoints as p')
    .innerJoin('tenant_seq as t', 't.tenant_id', 'p.tenant_id')
    .select('p.tenant_id')
    .whereRef('p.seq', '<', 't.seq')
    .execute();
  return rows.map((row) => row.tenant_id);
}

async function lockedCheckpoint(trx: Transaction<Database>, tenantId: string): Promise<number> {
  const row = await trx.selectFrom('projection_checkpoints').select('seq').where('tenant_id', '=', tenantId).forUpdate().executeTakeFirst();
  if (!row) throw new Error(`Tenant ${tenantId} has no projection checkpoint.`);
  return Number(row.seq);
}

export interface Projector {
  /** Resolves once the tenant's projections include everything committed before the call. */
  catchUp(tenantId: string): Promise<void>;
  /** Starts catching up in the background (after a push); a failure is logged, and the next read retries it. */
  schedule(tenantId: string): void;
  /** Waits for the runs in progress. */
  close(): Promise<void>;
}

/**
 * Runs projectPending one at a time per tenant in this process; `onRequested` hears of the
 * notifications it recorded, once they are committed.
 */
export function createProjector(db: Kysely<Database>, log: Pick<FastifyBaseLogger, 'error'>, onRequested: (ids: string[]) => Promise<void>): Projector {
  const runs = new Map<string, Promise<void>>();
  const catchUp = (tenantId: string): Promise<void> => {
    const run = (runs.get(tenantId) ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => projectPending(db, tenantId))
      // The requests are recorded: a queue that cannot take them now catches up when it starts.
      .then((ids) => (ids.length > 0 ? onRequested(ids).catch((error: unknown) => log.error({ err: error, tenantId }, 'queueing notifications failed')) : undefined));
    runs.set(tenantId, run);
    const forget = () => {
      if (runs.get(tenantId) === run) runs.delete(tenantId);
    };
    run.then(forget, forget);
    return run;
  };
  return {
    catchUp,
    schedule(tenantId) {
      catchUp(tenantId).catch((error: unknown) => log.error({ err: error, tenantId }, 'projecting pushed documents failed'));
    },
    async close() {
      await Promise.allSettled([...runs.values()]);
    },
  };
}
