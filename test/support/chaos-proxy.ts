import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A seeded pseudo-random source (mulberry32): one seed, one sequence of decisions. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ChaosOptions {
  seed: number;
  /** Share of requests whose connection is reset before the server sees them. */
  reset: number;
  /** Share of requests held back for up to `maxDelayMs` first. */
  delay: number;
  maxDelayMs: number;
  /** Share of answers thrown away after the server acted on the request. */
  dropResponse: number;
  /** A pull stream is cut after a time between these bounds. */
  streamCutMs: [number, number];
}

export interface ChaosFigures {
  requests: number;
  resets: number;
  delays: number;
  droppedResponses: number;
  streamCuts: number;
}

/**
 * A loopback proxy in front of `target` that behaves as a bad network does: resets
 * connections, delays requests, answers nothing after the server has answered, and cuts
 * Server-Sent Events streams.
 */
export async function startChaosProxy(target: string, options: ChaosOptions) {
  const random = seededRandom(options.seed);
  const figures: ChaosFigures = { requests: 0, resets: 0, delays: 0, droppedResponses: 0, streamCuts: 0 };
  const upstream = new URL(target);
  const open = new Set<http.ClientRequest>();

  const server = http.createServer((req, res) => {
    figures.requests += 1;
    const roll = random();
    const drop = random() < options.dropResponse;
    const wait = random() * options.maxDelayMs;
    const cutAfter = options.streamCutMs[0] + random() * (options.streamCutMs[1] - options.streamCutMs[0]);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (roll < options.reset) {
        figures.resets += 1;
        req.socket.destroy();
        return;
      }
      const delayed = roll < options.reset + options.delay;
      if (delayed) figures.delays += 1;
      setTimeout(() => forward(req, res, Buffer.concat(chunks), drop, cutAfter), delayed ? wait : 0);
    });
  });

  function forward(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, drop: boolean, cutAfter: number) {
    const stream = req.url?.includes('/pull-stream') ?? false;
    const outgoing = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        if (stream) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          const cut = setTimeout(() => {
            figures.streamCuts += 1;
            outgoing.destroy();
            req.socket.destroy();
          }, cutAfter);
          answer.on('close', () => clearTimeout(cut));
          return;
        }
        const parts: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => parts.push(chunk));
        answer.on('end', () => {
          if (drop) {
            figures.droppedResponses += 1;
            req.socket.destroy();
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(parts));
        });
      },
    );
    open.add(outgoing);
    outgoing.on('close', () => open.delete(outgoing));
    outgoing.on('error', () => req.socket.destroy());
    res.on('close', () => outgoing.destroy());
    outgoing.end(body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    figures,
    async close() {
      open.forEach((request) => request.destroy());
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
