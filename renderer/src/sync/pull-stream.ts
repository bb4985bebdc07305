import { createParser } from 'eventsource-parser';
import { Observable } from 'rxjs';
import type { RxReplicationPullStreamItem } from 'rxdb';
import type { Checkpoint, PullStreamEvent } from '../../../shared/protocol';

/**
 * The server's Server-Sent Events as RxDB's pull stream. fetch rather than EventSource, so the
 * device token travels in a header. A dropped connection is re-made; the server's RESYNC on
 * connect makes RxDB pull whatever happened in between.
 */
export function pullStream<T>(
  fetchImpl: typeof fetch,
  url: string,
  headers: Record<string, string>,
  reconnectMs: number,
): Observable<RxReplicationPullStreamItem<T, Checkpoint>> {
  return new Observable((subscriber) => {
    let stopped = false;
    let controller: AbortController | null = null;

    const readOnce = async () => {
      controller = new AbortController();
      const response = await fetchImpl(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
      if (!response.ok || !response.body) throw new Error(`pull stream answered ${response.status}`);
      const parser = createParser({
        onEvent: (event) => {
          const data = JSON.parse(event.data) as PullStreamEvent<T>;
          subscriber.next(data as RxReplicationPullStreamItem<T, Checkpoint>);
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
