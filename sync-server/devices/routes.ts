import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { PairRequestBody } from '../../shared/protocol';
import type { Database } from '../db/schema';
import { AttemptLimiter } from '../http/attempt-limiter';
import { HttpError } from '../http/errors';
import { requireDevice } from './device-auth';
import { pairDevice, rotateDeviceToken } from './devices';

const pairBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    pairingCode: { type: 'string', minLength: 1, maxLength: 32 },
    name: { type: 'string', minLength: 1, maxLength: 100 },
  },
  required: ['pairingCode', 'name'],
} as const;

export interface PairRateLimit {
  max: number;
  timeWindow: number;
}

/** Pairing, rate-limited per client address: a code is short, so guessing it must be slow. */
export async function deviceRoutes(app: FastifyInstance, opts: { db: Kysely<Database>; now: () => Date; pairRateLimit: PairRateLimit }) {
  const limiter = new AttemptLimiter(opts.pairRateLimit.max, opts.pairRateLimit.timeWindow);
  const limited = async (request: FastifyRequest) => {
    const wait = limiter.hit(request.ip, opts.now());
    if (wait !== null) throw new HttpError(429, `Too many pairing attempts; try again in ${Math.ceil(wait / 1000)} s.`);
  };
  app.post('/devices/token', { onRequest: requireDevice(opts.db) }, async (request) => ({ token: await rotateDeviceToken(opts.db, request.device!) }));
  app.post('/devices/pair', { schema: { body: pairBody }, onRequest: limited }, async (request, reply) => {
    const body = request.body as PairRequestBody;
    reply.code(201);
    return pairDevice(opts.db, body.pairingCode, body.name.trim(), opts.now());
  });
}
