import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { CollectionName } from '../../shared/schemas/index';
import type { Database } from '../db/schema';
import type { ChangeFeed } from './changes';
import { batchesOf, currentSeq, pullChanges, type ReadScope } from './store';

const HEARTBEAT_MS = 15_000;
const STREAM_BATCH = 500;

interface StreamOptions {
  db: Kysely<Database>;
  feed: ChangeFeed;
  request: FastifyRequest;
  reply: FastifyReply;
  collections: readonly CollectionName[];
  /** Name each batch's collection (the multiplexed stream) or not (one collection's stream). */
  tagged: boolean;
  scope: ReadScope;
  /** Closers of the open streams, so the server can end them when it closes. */
  openStreams: Set<() => void>;
}

/**
 * Server-Sent Events: `RESYNC` on connect (the register then pulls from its checkpoints), then
 * every committed change after the sequence the stream started at, in sequence order.
 */
export async function openPullStream(options: StreamOptions): Promise<void> {
  const { db, feed, request, reply, collections, tagged, scope, openStreams } = options;
  // Listen for the register leaving before anything is awaited: one that leaves while the
  // sequence is read would otherwise leave a feed listener and a heartbeat behind for good.
  let left = false;
  const leave = () => (left = true);
  request.raw.once('close', leave);
  let lastSeq = await currentSeq(db, scope.tenantId);
  request.raw.off('close', leave);
  reply.hijack();
  const raw = reply.raw;
  if (left) {
    raw.end();
    return;
  }
  // A hijacked reply sends only what is written to it: keep the headers hooks set (CORS, trace).
  const inherited = Object.fromEntries(Object.entries(reply.getHeaders()).filter(([, value]) => value !== undefined)) as Record<string, string | number | string[]>;
  raw.writeHead(200, {
    ...inherited,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const send = (event: unknown) => raw.write(`data: ${JSON.stringify(event)}\n\n`);
  send('RESYNC');

  const flush = async () => {
    for (;;) {
      const changes = await pullChanges(db, scope, collections, lastSeq, STREAM_BATCH);
      for (const { collection, documents, checkpoint } of batchesOf(changes)) {
        send(tagged ? { collection, documents, checkpoint } : { documents, checkpoint });
      }
      if (changes.length > 0) lastSeq = changes.at(-1)!.seq;
      if (changes.length < STREAM_BATCH) return;
    }
  };
  let queue = Promise.resolve();
  const unsubscribe = feed.subscribe(scope.tenantId, () => {
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
