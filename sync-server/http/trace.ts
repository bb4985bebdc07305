import { randomBytes } from 'node:crypto';
import { LogController, type FastifyInstance, type RawRequestDefaultExpression } from 'fastify';

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * W3C Trace Context: a request's `traceparent` is kept (same trace id and flags, a new span id
 * for this server's work) or a new one is made; it is the request id, so pino writes it in
 * every log line of the request, and it is returned in the `traceparent` response header.
 */
export function traceparentFor(header: string | string[] | undefined): string {
  const match = typeof header === 'string' ? TRACEPARENT.exec(header.trim().toLowerCase()) : null;
  const span = randomBytes(8).toString('hex');
  if (match && match[1] !== 'ff' && !/^0+$/.test(match[2]!) && !/^0+$/.test(match[3]!)) return `00-${match[2]}-${span}-${match[4]}`;
  return `00-${randomBytes(16).toString('hex')}-${span}-01`;
}

export const traceOptions = {
  genReqId: (request: RawRequestDefaultExpression) => traceparentFor(request.headers.traceparent),
  requestIdHeader: false as const,
  logController: new LogController({ requestIdLogLabel: 'traceparent' }),
};

export function installTrace(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('traceparent', request.id);
  });
}
