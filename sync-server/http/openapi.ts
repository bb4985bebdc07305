import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export const DOCS_PREFIX = '/api/docs';

/**
 * The OpenAPI document is generated from the routes' own JSON schemas (the ones that validate
 * requests and responses); served as JSON at /api/docs/json with a reference page at /api/docs.
 * Register before the routes so every route is collected.
 */
export async function installOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Front Desk POS sync server',
        version: '1',
        description: 'Replication for registers and the back-office API. Amounts are integers in the minor unit of `currency`. See docs/api.md.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A user access token (POST /api/v1/auth/login), an API key, or for replication a device token' },
        },
      },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: DOCS_PREFIX });
}
