/** The replication and pairing contract between registers and the sync server (DESIGN.md). */

export const API_PREFIX = '/api/v1';

/** Sent by the register with every replication request: the tenant its local database belongs to. */
export const TENANT_HEADER = 'x-tenant-id';

export interface Checkpoint {
  seq: number;
}

export interface PullRequestBody {
  checkpoint: Checkpoint | null;
  batchSize: number;
}

export interface PullResponseBody<T> {
  documents: (T & { _deleted: boolean })[];
  checkpoint: Checkpoint;
}

export interface PushRow<T> {
  newDocumentState: T & { _deleted: boolean };
  assumedMasterState?: (T & { _deleted: boolean }) | null;
}

/** Server-sent event payloads of one collection's pull stream. */
export type PullStreamEvent<T> = PullResponseBody<T> | 'RESYNC';

/**
 * Payloads of the register's one stream for many collections (`GET /replication/pull-stream`):
 * each batch names its collection; `RESYNC` concerns them all. One connection per register
 * leaves the browser's six per server free for pushes and pulls.
 */
export type MultiplexedStreamEvent<T> = (PullResponseBody<T> & { collection: string }) | 'RESYNC';

export interface PairRequestBody {
  pairingCode: string;
  name: string;
}

export interface PairResponseBody {
  deviceId: string;
  token: string;
  tenantId: string;
  locationId: string;
}

export interface ValidationErrorBody {
  detail: { loc: (string | number)[]; msg: string; type: string }[];
}

export interface ErrorBody {
  detail: string;
}

export const MAX_PULL_BATCH = 1000;
export const MAX_PUSH_BATCH = 500;
