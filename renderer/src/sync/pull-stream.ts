import { createParser } from 'eventsource-parser';
import { filter, map, Observable, share } from 'rxjs';
import type { RxReplicationPullStreamItem } from 'rxdb';
import type { Checkpoint, MultiplexedStreamEvent } from '../../../shared/protocol';
import { apiUrl } from './http';

/**
 * The server's Server-Sent Events as RxDB's pull stream. fetch rather than EventSource, so the
 * device token travels in a header. A dropped connection is re-made; the server's RESYNC on
 * connect makes RxDB pull whatever happened in between.
 */
function pullStream<E>(fetchImpl: typeof fetch, url: string, headers: Record<string, string>, reconnectMs: number): Observable<E> {
  return new Observable((subscriber) => {
    let stopped = false;
    let controller: AbortController | null = null;

    const readOnce = async () => {
      controller = new AbortController();
      const response = await fetchImpl(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
      if (!response.ok || !response.body) throw new Error(`pull stream answered ${response.status}`);
      const parser = createParser({
        onEvent: (event) => {
          subscriber.next(JSON.parse(event.data) as E);
        },
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        parser.feed(value);
      }
    };

    void (async () => {
      while (!stopped) {
        await readOnce().catch(() => undefined);
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
): Changes {
  const url = apiUrl(serverUrl, `/replication/pull-stream?collections=${collections.map(encodeURIComponent).join(',')}`);
  return pullStream<MultiplexedStreamEvent<{ id: string }>>(fetchImpl, url, headers, reconnectMs).pipe(share());
}

/** One collection's part of the stream, as RxDB's pull stream: its batches, and every RESYNC. */
export function streamOf(changes: Changes, collection: string): Observable<RxReplicationPullStreamItem<{ id: string }, Checkpoint>> {
  return changes.pipe(
    filter((event) => event === 'RESYNC' || event.collection === collection),
    map((event) => (event === 'RESYNC' ? event : { documents: event.documents, checkpoint: event.checkpoint })),
  );
}
