import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { registerCspDirectives } from '../../shared/content-security';

const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Security headers on every answer (@fastify/helmet): the register's Content-Security-Policy
 * (the Electron window's, `shared/content-security.ts`, plus 'unsafe-eval' for RxDB's schema
 * validator) for `/` and `/admin` and everything else, `frame-ancestors 'none'` and `X-Frame-Options: DENY`, `X-Content-Type-Options:
 * nosniff`, `Referrer-Policy: no-referrer`. No `upgrade-insecure-requests`: registers reach a
 * LAN server over plain http. HSTS only on requests that came over TLS (directly, or through a
 * proxy trusted with `trustProxy` that says `X-Forwarded-Proto: https`): sent over http it would
 * lock a LAN browser out of the server.
 */
export async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  const directives = registerCspDirectives();
  // RxDB's ajv validator compiles the shared schemas into functions at run time (new Function):
  // without 'unsafe-eval' the register served here cannot open its database (e2e proves it).
  directives['script-src'] = [...directives['script-src']!, "'unsafe-eval'"];
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
}
