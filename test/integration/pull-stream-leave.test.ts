import Fastify, { type FastifyRequest } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDb, type Db } from '../../sync-server/db/connect';
import { ChangeFeed } from '../../sync-server/replication/changes';
import { openPullStream } from '../../sync-server/replication/stream';

/** The real feed, counting the listeners its streams hold. */
class CountingFeed extends ChangeFeed {
  listening = 0;
  override subscribe(tenantId: string, listener: () => void): () => void {
    this.listening += 1;
    const unsubscribe = super.subscribe(tenantId, listener);
    return () => {
      this.listening -= 1;
      unsubscribe();
    };
  }
}

let db: Db;
beforeAll(async () => {
  db = await openDb({});
});
afterAll(() => db.close());

it('a register that leaves while the stream reads its starting sequence leaves no listener and no heartbeat behind', async () => {
  const feed = new CountingFeed();
  const openStreams = new Set<() => void>();
  const app = Fastify();
  let entered!: (request: FastifyRequest) => void;
  const arrived = new Promise<FastifyRequest>((resolve) => (entered = resolve));
  let streamed: Promise<void> = Promise.resolve();
  app.get('/stream', async (request, reply) => {
    entered(request);
    streamed = openPullStream({ db: db.kysely, feed, request, reply, collections: ['payments'], tagged: true, scope: { tenantId: 't1', locationId: 'l1' }, openStreams, authorized: async () => true });
    await streamed;
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });

  // PGlite has one session: holding it in a transaction makes the stream's first read wait.
  let release!: () => void;
  const held = db.kysely.transaction().execute(() => new Promise<void>((resolve) => (release = resolve)));
  const client = new AbortController();
  const response = fetch(`${url}/stream`, { signal: client.signal }).catch(() => null);
  const request = await arrived;
  const socketClosed = new Promise((resolve) => request.raw.socket.once('close', resolve));
  client.abort();
  await response;
  await socketClosed;
  release();
  await held;
  await streamed;

  expect(feed.listening).toBe(0);
  expect(openStreams.size).toBe(0);
  await app.close();
});
