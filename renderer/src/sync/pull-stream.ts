import { createParser } from 'eventsource-parser';
import { filter, map, Observable, share } from 'rxjs';
import type { RxReplicationPullStreamItem } from 'rxdb';
import type { Checkpoint, MultiplexedStreamEvent } from '../../../shared/protocol';
import { apiUrl } from './http';

/** The server writes a keep-alive every 15 s (sync-server/replication/stream.ts): silence longer than this is a lost connection. */
const SILENCE_MS = 20_000;

/** Told when the stream connects (true) and when it drops (false, with why). */
export type ConnectionListener = (connected: boolean, reason?: string) => void;

/**
 * The server's Server-Sent Events as RxDB's pull stream. fetch rather than EventSource, so the
 * device token travels in a header. A dropped connection is re-made; the server's RESYNC on
 * connect makes RxDB pull whatever happened in between. The connection's state is reported as
 * it changes: the register's online state (and the card terminal) follow it at once.
 */
function pullStream<E>(fetchImpl: typeof fetch, url: string, headers: Record<string, string>, reconnectMs: number, onConnection: ConnectionListener): Observable<E> {
  return new Observable((subscriber) => {
    let stopped = false;
    let controller: AbortController | null = null;

    const readOnce = async () => {
      const aborter = new AbortController();
      controller = aborter;
      let silence = setTimeout(() => aborter.abort(), SILENCE_MS);
      try {
        const response = await fetchImpl(url, { headers: { accept: 'text/event-stream', ...headers }, signal: aborter.signal });
        if (!response.ok || !response.body) throw new Error(`pull stream answered ${response.status}`);
        onConnection(true);
        const parser = createParser({
          onEvent: (event) => {
            subscriber.next(JSON.parse(event.data) as E);
          },
        });
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) throw new Error('The server closed the pull stream.');
          clearTimeout(silence);
          silence = setTimeout(() => aborter.abort(), SILENCE_MS);
          parser.feed(value);
        }
      } finally {
        clearTimeout(silence);
      }
    };

    void (async () => {
      while (!stopped) {
        await readOnce().catch((error: unknown) => stopped || onConnection(false, error instanceof Error ? error.message : String(error)));
        if (!stopped) await new Promise((resolve) => setTimeout(resolve, reconnectMs));
      }
    })();

    return () => {
      stopped = true;
      controller?.abort();
    };
  });
}

export type Changes = Observable<MultiplexedStreamEvent<{ id: string }>>;

/** The register's one stream for all its collections, shared by their replications. */
export function multiplexedStream(
  fetchImpl: typeof fetch,
  serverUrl: string,
  collections: readonly string[],
  headers: Record<string, string>,
  reconnectMs: number,
  onConnection: ConnectionListener = () => {},
): Changes {
  const url = apiUrl(serverUrl, `/replication/pull-stream?collections=${collections.map(encodeURIComponent).join(',')}`);
  return pullStream<MultiplexedStreamEvent<{ id: string }>>(fetchImpl, url, headers, reconnectMs, onConnection).pipe(share());
}

/**
 * One collection's part of the stream, as RxDB's pull stream: only ever `RESYNC`, so RxDB pulls
 * from its own checkpoint. The stream's document batches are never handed over: RxDB 17's
 * downstream drops a `RESYNC` queued behind a batch, and the batch then moves the checkpoint past
 * what was written while the stream was down (docs/ARCHITECTURE.md, "Registers that converge").
 */
export function streamOf(changes: Changes, collection: string): Observable<RxReplicationPullStreamItem<{ id: string }, Checkpoint>> {
  return changes.pipe(
    filter((event) => event === 'RESYNC' || event.collection === collection),
    map(() => 'RESYNC' as const),
  );
}
