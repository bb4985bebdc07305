import equal from 'fast-deep-equal';
import { adjustmentIssues } from '../../shared/adjustments/index';
import { sql, type Kysely, type Transaction } from 'kysely';
import { COLLECTIONS, validateDocument, type CollectionName, type ValidationIssue } from '../../shared/schemas/index';
import type { Checkpoint, PullResponseBody } from '../../shared/protocol';
import type { Database } from '../db/schema';
import { HttpError, ValidationFailed } from '../http/errors';
import { refusals, reviewDocuments } from '../review/index';
import { CHANGES_CHANNEL } from './changes';

type Doc = Record<string, unknown> & { id: string; _deleted: boolean };

export interface Scope {
  tenantId: string;
  locationId: string;
  deviceId: string | null;
}

export interface PushRowInput {
  newDocumentState: unknown;
  assumedMasterState?: unknown;
}

/**
 * Whose documents a reader sees: its tenant's documents of no location (catalog, staff,
 * clients) and those of its location; `locationId` null sees every location (the server's own
 * readers, such as the projector).
 */
export interface ReadScope {
  tenantId: string;
  locationId: string | null;
}

function documentsIn(db: Kysely<Database>, scope: ReadScope) {
  const { tenantId, locationId } = scope;
  return db
    .selectFrom('documents')
    .where('tenant_id', '=', tenantId)
    .$if(locationId !== null, (qb) => qb.where((eb) => eb.or([eb('location_id', 'is', null), eb('location_id', '=', locationId)])));
}

/**
 * A document as this reader may see it: a staff member's PIN hash goes only to registers of
 * that staff member's locations (a PIN has few values, so its hash must not travel further).
 * Others get the document with `pin: null`, which also clears it at a location the staff
 * member has left.
 */
function asSeenBy(scope: ReadScope, collection: string, data: Doc): Doc {
  if (collection !== 'staff' || scope.locationId === null || data.pin == null) return data;
  const locationIds = Array.isArray(data.locationIds) ? data.locationIds : [];
  return locationIds.includes(scope.locationId) ? data : { ...data, pin: null };
}

/** Documents of one collection in scope after `checkpoint`, oldest first. */
export async function pullDocuments(
  db: Kysely<Database>,
  scope: ReadScope,
  collection: CollectionName,
  checkpoint: Checkpoint | null,
  batchSize: number,
): Promise<PullResponseBody<Doc>> {
  const since = checkpoint?.seq ?? 0;
  const rows = await documentsIn(db, scope)
    .select(['data', 'seq'])
    .where('collection', '=', collection)
    .where('seq', '>', since)
    .orderBy('seq')
    .limit(batchSize)
    .execute();
  const last = rows.at(-1);
  return {
    documents: rows.map((row) => asSeenBy(scope, collection, row.data as Doc)),
    checkpoint: { seq: last ? Number(last.seq) : since },
  };
}

export interface Change {
  collection: string;
  data: Doc;
  seq: number;
  receivedAt: Date;
}

/** Documents of several collections in scope after `sinceSeq`, in sequence order. */
export async function pullChanges(
  db: Kysely<Database>,
  scope: ReadScope,
  collections: readonly CollectionName[],
  sinceSeq: number,
  limit: number,
): Promise<Change[]> {
  const rows = await documentsIn(db, scope)
    .select(['collection', 'data', 'seq', 'received_at'])
    .where('collection', 'in', collections)
    .where('seq', '>', sinceSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ collection: row.collection, data: asSeenBy(scope, row.collection, row.data as Doc), seq: Number(row.seq), receivedAt: new Date(row.received_at) }));
}

/** Consecutive changes of one collection make one batch, in sequence order. */
export function batchesOf(changes: readonly Change[]): { collection: string; documents: Doc[]; checkpoint: { seq: number } }[] {
  const batches: ReturnType<typeof batchesOf> = [];
  for (const change of changes) {
    const last = batches.at(-1);
    if (last && last.collection === change.collection) {
      last.documents.push(change.data);
      last.checkpoint.seq = change.seq;
    } else {
      batches.push({ collection: change.collection, documents: [change.data], checkpoint: { seq: change.seq } });
    }
  }
  return batches;
}

/** The newest sequence handed out for a tenant; everything up to it has committed. */
export async function currentSeq(db: Kysely<Database>, tenantId: string): Promise<number> {
  const row = await db.selectFrom('tenant_seq').select('seq').where('tenant_id', '=', tenantId).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** Rules beyond the schema that a single document must keep (hard invariants: 422). */
const INVARIANTS: Partial<Record<CollectionName, (doc: never, loc: (string | number)[]) => ValidationIssue[]>> = {
  adjustments: adjustmentIssues,
};

function checkRows(collection: CollectionName, rows: PushRowInput[], scope: Scope): Doc[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const loc = ['body', i, 'newDocumentState'];
    const doc = row.newDocumentState as Record<string, unknown>;
    const schemaIssues = validateDocument(collection, doc, loc);
    issues.push(...schemaIssues);
    if (doc.tenantId !== scope.tenantId) {
      issues.push({ loc: [...loc, 'tenantId'], msg: 'belongs to another tenant than this device', type: 'scope.tenant' });
    }
    if ('locationId' in doc && doc.locationId !== scope.locationId) {
      issues.push({ loc: [...loc, 'locationId'], msg: "is not this device's location", type: 'scope.location' });
    }
    if ('deviceId' in doc && scope.deviceId && doc.deviceId !== scope.deviceId) {
      issues.push({ loc: [...loc, 'deviceId'], msg: 'a register pushes only the documents it made', type: 'scope.device' });
    }
    // Invariants read the figures, so only a document that passed its schema is checked.
    if (schemaIssues.length === 0) issues.push(...(INVARIANTS[collection]?.(doc as never, loc) ?? []));
    if (typeof doc.id === 'string' && seen.has(doc.id)) {
      issues.push({ loc: [...loc, 'id'], msg: 'appears twice in one batch', type: 'value_error.duplicate' });
    }
    seen.add(String(doc.id));
  });
  if (issues.length) throw new ValidationFailed(issues);
  return rows.map((row) => {
    const doc = row.newDocumentState as Doc;
    return { ...doc, _deleted: doc._deleted === true };
  });
}

/**
 * RxDB's push contract: write each row whose assumed master state matches the server's, and
 * answer the server's state of every row that does not. A state the server already holds is
 * a no-op (a retry). The batch is all or nothing.
 */
export async function pushDocuments(
  db: Kysely<Database>,
  collection: CollectionName,
  rows: PushRowInput[],
  scope: Scope,
  receivedAt: Date,
): Promise<Doc[]> {
  const spec = COLLECTIONS[collection];
  if (!spec.push) throw new HttpError(403, `${collection} is managed by the back office; registers can only pull it.`);
  const docs = checkRows(collection, rows, scope);
  if (docs.length === 0) return [];

  return db.transaction().execute(async (trx) => {
    const lockedSeq = await lockTenantSequence(trx, scope.tenantId);
    const existing = await trx
      .selectFrom('documents')
      .select(['id', 'tenant_id', 'location_id', 'data'])
      .where('collection', '=', collection)
      .where('id', 'in', docs.map((d) => d.id))
      .execute();
    const current = new Map(existing.map((row) => [row.id, row]));

    const conflicts: Doc[] = [];
    const writes: { doc: Doc; index: number }[] = [];
    const issues: ValidationIssue[] = [];
    docs.forEach((doc, i) => {
      const stored = current.get(doc.id);
      if (!stored) return writes.push({ doc, index: i });
      if (stored.tenant_id !== scope.tenantId) {
        throw new HttpError(403, `Document ${doc.id} belongs to another tenant.`);
      }
      // Never answer another location's document as a conflict: a register reads only its own location's.
      if (stored.location_id !== null && stored.location_id !== scope.locationId) {
        throw new HttpError(403, `Document ${doc.id} belongs to another location.`);
      }
      const master = stored.data as Doc;
      if (equal(master, doc)) return;
      const assumed = rows[i]?.assumedMasterState;
      if (!assumed || !equal(assumed, master)) return conflicts.push(master);
      if (spec.appendOnly) {
        issues.push({
          loc: ['body', i, 'newDocumentState'],
          msg: `${collection} are append-only: a stored document never changes; record a new document instead`,
          type: 'invariant.append_only',
        });
      } else {
        writes.push({ doc, index: i });
      }
    });
    issues.push(...(await refusals(trx, collection, writes, scope.tenantId)));
    if (issues.length) throw new ValidationFailed(issues);
    if (writes.length) await writeDocuments(trx, collection, writes.map((w) => w.doc), scope, lockedSeq, receivedAt);
    return conflicts;
  });
}

/** Take the tenant's sequence row lock: writers of one tenant commit one after another. */
async function lockTenantSequence(trx: Transaction<Database>, tenantId: string): Promise<number> {
  const row = await trx
    .selectFrom('tenant_seq')
    .select('seq')
    .where('tenant_id', '=', tenantId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new HttpError(403, 'Unknown tenant.');
  return Number(row.seq);
}

async function writeDocuments(
  trx: Transaction<Database>,
  collection: string,
  docs: Doc[],
  scope: Scope,
  lastSeq: number,
  receivedAt: Date,
): Promise<void> {
  const values = docs.map((doc, i) => ({
    collection,
    id: doc.id,
    tenant_id: scope.tenantId,
    location_id: typeof doc.locationId === 'string' ? doc.locationId : null,
    seq: lastSeq + i + 1,
    data: JSON.stringify(doc),
    deleted: doc._deleted === true,
    device_id: scope.deviceId,
    received_at: receivedAt,
  }));
  await trx
    .insertInto('documents')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['collection', 'id']).doUpdateSet((eb) => ({
        seq: eb.ref('excluded.seq'),
        data: eb.ref('excluded.data'),
        deleted: eb.ref('excluded.deleted'),
        location_id: eb.ref('excluded.location_id'),
        device_id: eb.ref('excluded.device_id'),
        received_at: eb.ref('excluded.received_at'),
      })),
    )
    .execute();
  await reviewDocuments(trx, collection, docs, scope.tenantId, receivedAt);
  await trx.updateTable('tenant_seq').set({ seq: lastSeq + docs.length }).where('tenant_id', '=', scope.tenantId).execute();
  await sql`select pg_notify(${CHANGES_CHANNEL}, ${scope.tenantId})`.execute(trx);
}

/** Server-side writes (seeding, back office): the same path and sequence as a register's push. */
export async function upsertServerDocuments(
  db: Kysely<Database>,
  collection: CollectionName,
  stateDocs: readonly { id: string; _deleted: boolean }[],
  scope: Scope,
  receivedAt: Date,
): Promise<void> {
  const docs = stateDocs as Doc[];
  const issues = docs.flatMap((doc, i) => validateDocument(collection, doc, ['documents', i]));
  if (issues.length) throw new ValidationFailed(issues);
  await db.transaction().execute(async (trx) => {
    const lastSeq = await lockTenantSequence(trx, scope.tenantId);
    await writeDocuments(trx, collection, docs, scope, lastSeq, receivedAt);
  });
}
