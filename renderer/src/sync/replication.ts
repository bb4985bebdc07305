import { BehaviorSubject } from 'rxjs';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { RxCollection } from 'rxdb';
import type { Checkpoint, PullResponseBody } from '../../../shared/protocol';
import { COLLECTIONS, type CollectionName } from '../../../shared/schemas/index';
import { outboxId, quarantine, type RegisterDatabase } from '../db/database';
import { apiUrl, authHeaders, postJson, type SyncTarget } from './http';
import { multiplexedStream, streamOf } from './pull-stream';
import { pushIsolating } from './quarantine';
import { clock } from '../clock';

export interface ConnectionStatus {
  /** The last request to the server succeeded. */
  connected: boolean;
  lastSyncedAt: string | null;
  lastError: string | null;
}

export interface SyncOptions {
  db: RegisterDatabase;
  target: SyncTarget;
  fetch?: typeof fetch;
  /** Which of the database's collections to replicate; all it has by default. */
  collections?: readonly CollectionName[];
  /** Keep replicating (push on change, pull on stream events); false runs one pass. */
  live?: boolean;
  retryMs?: number;
  pullBatchSize?: number;
  pushBatchSize?: number;
}

export interface SyncHandle {
  states: RxReplicationState<unknown, Checkpoint>[];
  status$: BehaviorSubject<ConnectionStatus>;
  /** Resolves when everything written so far has been pushed and everything on the server pulled. */
  awaitInSync(): Promise<void>;
  /** Pull now (e.g. when the browser says it is online again). */
  reSync(): void;
  stop(): Promise<void>;
}

/** RxDB's own replication client for every collection, against the sync server's contract. */
export function startSync(options: SyncOptions): SyncHandle {
  const { db, target } = options;
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const retryMs = options.retryMs ?? 3000;
  const headers = authHeaders(target);
  const status$ = new BehaviorSubject<ConnectionStatus>({ connected: false, lastSyncedAt: null, lastError: null });

  const tracked = async <T>(request: Promise<T>): Promise<T> => {
    try {
      const result = await request;
      status$.next({ connected: true, lastSyncedAt: clock.now().toISOString(), lastError: null });
      return result;
    } catch (error) {
      status$.next({ ...status$.value, connected: false, lastError: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  };

  const names = options.collections ?? (Object.keys(db.collections).filter((n) => n in COLLECTIONS) as CollectionName[]);
  const live = options.live ?? true;
  // One Server-Sent Events connection for every collection: a browser allows six per server.
  // Its connection is the first to know the server is gone (or back): the status follows it at once.
  const onStream = (connected: boolean, reason?: string) =>
    status$.next({ ...status$.value, connected, lastError: connected ? null : (reason ?? null) });
  const changes$ = live ? multiplexedStream(fetchImpl, target.serverUrl, names, headers, retryMs, onStream) : null;
  const states = names.map((name) => {
    const collection = db.collections[name] as unknown as RxCollection<{ id: string }>;
    const url = (action: string) => apiUrl(target.serverUrl, `/replication/${name}/${action}`);
    return replicateRxCollection<{ id: string }, Checkpoint>({
      collection,
      replicationIdentifier: `${target.serverUrl}|${target.tenantId}|${name}`,
      live,
      retryTime: retryMs,
      waitForLeadership: false,
      autoStart: true,
      pull: {
        batchSize: options.pullBatchSize ?? 200,
        handler: (checkpoint, batchSize) =>
          tracked(postJson<PullResponseBody<{ id: string }>>(fetchImpl, url('pull'), { checkpoint: checkpoint ?? null, batchSize }, headers)),
        stream$: changes$ ? streamOf(changes$, name) : undefined,
      },
      push: COLLECTIONS[name].push
        ? {
            batchSize: options.pushBatchSize ?? 100,
            // A document the server refuses is set aside in the outbox with its reason; the rest go on.
            handler: (rows) =>
              pushIsolating(
                rows,
                async (batch) => {
                  const conflicts = await tracked(postJson<{ id: string; _deleted: boolean }[]>(fetchImpl, url('push'), batch, headers));
                  await db.sync_outbox.bulkRemove(batch.map((row) => outboxId(name, row.newDocumentState.id)));
                  return conflicts;
                },
                (refused) => quarantine(db, name, refused.map(({ row, reason }) => ({ docId: row.newDocumentState.id, reason }))),
              ),
          }
        : undefined,
    }) as unknown as RxReplicationState<unknown, Checkpoint>;
  });

  return {
    states,
    status$,
    async awaitInSync() {
      await Promise.all(states.map((state) => state.awaitInSync()));
    },
    reSync() {
      states.forEach((state) => state.reSync());
    },
    async stop() {
      await Promise.all(states.map((state) => state.cancel()));
      status$.complete();
    },
  };
}
