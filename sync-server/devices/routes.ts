import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { PairRequestBody } from '../../shared/protocol';
import type { Database } from '../db/schema';
import { pairDevice } from './devices';

const pairBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    pairingCode: { type: 'string', minLength: 1, maxLength: 32 },
    name: { type: 'string', minLength: 1, maxLength: 100 },
  },
  required: ['pairingCode', 'name'],
} as const;

export async function deviceRoutes(app: FastifyInstance, opts: { db: Kysely<Database>; now: () => Date }) {
  app.post('/devices/pair', { schema: { body: pairBody } }, async (request, reply) => {
    const body = request.body as PairRequestBody;
    reply.code(201);
    return pairDevice(opts.db, body.pairingCode, body.name.trim(), opts.now());
  });
}
