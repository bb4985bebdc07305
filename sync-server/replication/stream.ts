import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { PullStreamEvent } from '../../shared/protocol';
import type { CollectionName } from '../../shared/schemas/index';
import type { Database } from '../db/schema';
import type { ChangeFeed } from './changes';
import { currentSeq, pullDocuments } from './store';

const HEARTBEAT_MS = 15_000;
const STREAM_BATCH = 500;

interface StreamOptions {
  db: Kysely<Database>;
  feed: ChangeFeed;
  request: FastifyRequest;
  reply: FastifyReply;
  collection: CollectionName;
  tenantId: string;
  /** Closers of the open streams, so the server can end them when it closes. */
  openStreams: Set<() => void>;
}

/**
 * Server-Sent Events: `RESYNC` on connect (the register then pulls from its checkpoint), then
 * every committed change after the sequence the stream started at, in sequence order.
 */
export async function openPullStream({ db, feed, request, reply, collection, tenantId, openStreams }: StreamOptions): Promise<void> {
  let lastSeq = await currentSeq(db, tenantId);
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const send = (event: PullStreamEvent<unknown>) => raw.write(`data: ${JSON.stringify(event)}\n\n`);
  send('RESYNC');

  const flush = async () => {
    for (;;) {
      const batch = await pullDocuments(db, tenantId, collection, { seq: lastSeq }, STREAM_BATCH);
      if (batch.documents.length === 0) return;
      send(batch);
      lastSeq = batch.checkpoint.seq;
      if (batch.documents.length < STREAM_BATCH) return;
    }
  };
  let queue = Promise.resolve();
  const unsubscribe = feed.subscribe(tenantId, () => {
    queue = queue.then(flush).catch((error: unknown) => {
      request.log.warn({ err: error }, 'pull stream could not read changes; asking the register to resync');
      send('RESYNC');
    });
  });
  const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const close = () => {
    unsubscribe();
    clearInterval(heartbeat);
    openStreams.delete(close);
    raw.end();
  };
  openStreams.add(close);
  request.raw.on('close', close);
}
