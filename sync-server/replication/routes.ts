import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { MAX_PULL_BATCH, MAX_PUSH_BATCH, type Checkpoint } from '../../shared/protocol';
import { COLLECTION_NAMES, isCollectionName, type CollectionName } from '../../shared/schemas/index';
import type { Database } from '../db/schema';
import { bearerToken, requireDevice } from '../devices/device-auth';
import { deviceTokenValid } from '../devices/devices';
import { HttpError, ValidationFailed } from '../http/errors';
import type { ChangeFeed } from './changes';
import type { Projector } from '../projections/projector';
import { pullDocuments, pushDocuments, type PushRowInput, type ReadScope, type Scope } from './store';
import { openPullStream } from './stream';

const collectionParams = {
  type: 'object',
  properties: { collection: { type: 'string', maxLength: 64 } },
  required: ['collection'],
} as const;

const pullBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    checkpoint: {
      anyOf: [
        { type: 'null' },
        { type: 'object', properties: { seq: { type: 'integer', minimum: 0 } }, required: ['seq'] },
      ],
    },
    batchSize: { type: 'integer', minimum: 1, maximum: MAX_PULL_BATCH },
  },
  required: ['checkpoint', 'batchSize'],
} as const;

const pushBody = {
  type: 'array',
  maxItems: MAX_PUSH_BATCH,
  items: {
    type: 'object',
    properties: {
      newDocumentState: { type: 'object' },
      assumedMasterState: { anyOf: [{ type: 'object' }, { type: 'null' }] },
    },
    required: ['newDocumentState'],
  },
} as const;

const streamQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { collections: { type: 'string', maxLength: 1000, description: 'comma-separated; all collections when absent' } },
} as const;

/** The multiplexed stream's collections: those named, each known, or every collection. */
function collectionsOf(query: unknown): CollectionName[] {
  const names = (query as { collections?: string }).collections?.split(',').map((n) => n.trim()).filter(Boolean);
  if (!names?.length) return [...COLLECTION_NAMES];
  const unknown = names.filter((name) => !isCollectionName(name));
  if (unknown.length) {
    throw new ValidationFailed([{ loc: ['querystring', 'collections'], msg: `unknown collection ${unknown.join(', ')}`, type: 'value_error.collection' }]);
  }
  return names as CollectionName[];
}

/** A register reads its tenant's shared documents and its own location's. */
const readScope = (request: FastifyRequest): ReadScope => ({ tenantId: request.device!.tenantId, locationId: request.device!.locationId });

function collectionOf(params: unknown): CollectionName {
  const name = (params as { collection: string }).collection;
  if (!isCollectionName(name)) throw new HttpError(404, `Unknown collection "${name}".`);
  return name;
}

/** The replication contract of DESIGN.md, for registers authenticated by device token. */
export async function replicationRoutes(app: FastifyInstance, opts: { db: Kysely<Database>; feed: ChangeFeed; projector: Projector; now: () => Date }) {
  const { db, feed, projector, now } = opts;
  const openStreams = new Set<() => void>();
  app.addHook('onRequest', requireDevice(db));
  app.addHook('preClose', async () => openStreams.forEach((close) => close()));
  // A stream re-checks the token it was opened with each time it wakes.
  const authorizedAs = (request: FastifyRequest) => {
    const token = bearerToken(request)!;
    return () => deviceTokenValid(db, request.device!.id, token);
  };

  app.post('/replication/:collection/pull', { schema: { params: collectionParams, body: pullBody } }, async (request) => {
    const collection = collectionOf(request.params);
    const body = request.body as { checkpoint: Checkpoint | null; batchSize: number };
    return pullDocuments(db, readScope(request), collection, body.checkpoint, body.batchSize);
  });

  app.post('/replication/:collection/push', { schema: { params: collectionParams, body: pushBody } }, async (request) => {
    const collection = collectionOf(request.params);
    const device = request.device!;
    const scope: Scope = { tenantId: device.tenantId, locationId: device.locationId, deviceId: device.id };
    const conflicts = await pushDocuments(db, collection, request.body as PushRowInput[], scope, now());
    projector.schedule(scope.tenantId);
    return conflicts;
  });

  app.get('/replication/:collection/pull-stream', { schema: { params: collectionParams } }, async (request, reply) => {
    const collection = collectionOf(request.params);
    await openPullStream({ db, feed, request, reply, collections: [collection], tagged: false, scope: readScope(request), openStreams, authorized: authorizedAs(request) });
  });

  app.get('/replication/pull-stream', { schema: { querystring: streamQuery } }, async (request, reply) => {
    const collections = collectionsOf(request.query);
    await openPullStream({ db, feed, request, reply, collections, tagged: true, scope: readScope(request), openStreams, authorized: authorizedAs(request) });
  });
}
