import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { API_PREFIX } from '../shared/protocol';
import type { Db } from './db/connect';
import type { Demo } from './demo/seed-demo';
import { backOfficeRoutes } from './backoffice/index';
import type { LoginRateLimit } from './backoffice/admin';
import { deviceRoutes, type PairRateLimit } from './devices/routes';
import { frameworkErrors, installErrorHandlers } from './http/error-handler';
import { installOpenApi } from './http/openapi';
import { installRequestValidation } from './http/request-validation';
import { installSecurityHeaders } from './http/security-headers';
import { installTrace, traceOptions } from './http/trace';
import { JobQueue, type JobQueueSettings } from './jobs/queue';
import { DELIVER, installDelivery } from './notifications/delivery';
import { NO_MAIL, type Mailer } from './notifications/mailer';
import { createProjector, tenantsBehind } from './projections/projector';
import { ChangeFeed } from './replication/changes';
import { replicationRoutes } from './replication/routes';
import { stripeRoutes } from './stripe/routes';

/** The Electron window; the Vite dev server's origins only in development. */
const ELECTRON_ORIGIN = 'app://register';
const VITE_DEV_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];

export interface AppOptions {
  db: Db;
  /** The demo business, when this server runs one: its pairing code is offered to the register. */
  demo?: Demo | null;
  /** The built register UI (dist/renderer), served at / when present. */
  rendererDir?: string | null;
  logger?: FastifyServerOptions['logger'];
  /**
   * The server's only clock: when rows and documents are received, "today", clearing, token and
   * pairing code lifetimes, Stripe webhook ages. main.ts passes the real one; tests pin it.
   */
  now: () => Date;
  /** Hours before card (online) money counts as cleared; CLEARING_DELAY_HOURS, default 48. */
  clearingDelayHours?: number;
  /** Sign-in attempts per client address and email per window; default 10 a minute. */
  loginRateLimit?: LoginRateLimit;
  /** Pairing attempts per client address per window; default 10 a minute. */
  pairRateLimit?: PairRateLimit;
  /** `npm run dev` (NODE_ENV=development): CORS also admits the Vite dev server. */
  development?: boolean;
  /** Behind a TLS-terminating proxy (TRUST_PROXY=1): its X-Forwarded-Proto/-For are believed, so HSTS goes out on https. */
  trustProxy?: boolean;
  /** Where mail goes (main.ts: SMTP_URL or .eml files); absent: nowhere, and sends are retried. */
  mailer?: Mailer;
  /** Background jobs: `start` runs the workers now (main.ts does; tests that need them ask). */
  jobs?: Partial<JobQueueSettings> & { start?: boolean };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's job queue (started by main.ts, or by a test that runs jobs). */
    jobs: JobQueue;
  }
}

/** Whether a connection reached this server on a loopback address (127.0.0.0/8, ::1). */
export function isLoopback(address: string | undefined): boolean {
  const v4 = address?.replace(/^::ffff:/, '');
  return v4 === '::1' || v4 === 'localhost' || (v4 ?? '').startsWith('127.');
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db } = options;
  const { now } = options;
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 10 * 1024 * 1024, frameworkErrors, trustProxy: options.trustProxy ?? false, ...traceOptions });
  installErrorHandlers(app);
  installRequestValidation(app);
  installTrace(app);
  await installSecurityHeaders(app);
  await installOpenApi(app);
  // Registers call from their own origin: the Electron window and, in development, Vite.
  // Device tokens travel in headers, never cookies.
  await app.register(fastifyCors, {
    origin: options.development ? [ELECTRON_ORIGIN, ...VITE_DEV_ORIGINS] : [ELECTRON_ORIGIN],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-tenant-id', 'traceparent'],
  });
  const feed = new ChangeFeed();
  await feed.start(db);
  app.decorate('changeFeed', feed);
  const jobs = new JobQueue(db, app.log, now, options.jobs);
  const mailer = options.mailer ?? NO_MAIL;
  installDelivery({
    db: db.kysely, queue: jobs, mailer, now, log: app.log,
    missingGraceMs: 10 * 60_000,
  });
  app.decorate('jobs', jobs);
  const projector = createProjector(db.kysely, app.log, async (ids) => {
    for (const id of ids) await jobs.send(DELIVER, { notificationId: id }, { id });
  });
  // Runs before the database closes: projections in flight may still queue their requests.
  app.addHook('onClose', async () => {
    await projector.close();
    await jobs.stop();
    mailer.close();
  });

  app.get('/health', async () => ({ status: 'ok', database: db.kind }));
  await app.register(
    async (api) => {
      await api.register(deviceRoutes, { db: db.kysely, now, pairRateLimit: options.pairRateLimit ?? { max: 10, timeWindow: 60_000 } });
      await api.register(replicationRoutes, { db: db.kysely, feed, projector, now });
      await api.register(backOfficeRoutes, {
        db: db.kysely,
        now,
        clearingDelayHours: options.clearingDelayHours ?? 48,
        loginRateLimit: options.loginRateLimit ?? { max: 10, timeWindow: 60_000 },
        projector,
        jobs,
      });
      await api.register(stripeRoutes, { db: db.kysely, settings: options.stripe, now });
      // The demo's code never expires and pairs any number of registers: offered only to this machine.
      api.get('/demo', async (request, reply) => {
        if (!options.demo) return reply.code(404).send({ detail: 'This server runs no demo business.' });
        if (!isLoopback(request.socket.localAddress)) return reply.code(404).send({ detail: 'The demo pairing code is offered only on this machine (a loopback address).' });
        return { pairingCode: options.demo.pairingCode, tenantId: options.demo.tenantId };
      });
    },
    { prefix: API_PREFIX },
  );

  const rendererDir = options.rendererDir;
  if (rendererDir && existsSync(join(rendererDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: rendererDir, prefix: '/', wildcard: false });
  } else {
    app.get('/', async (_request, reply) =>
      reply.type('text/plain').send('The register UI is not built yet: run `npm run build`, then reload.'),
    );
  }
  if (options.jobs?.start) {
    await jobs.start();
    // Requests pushed to a process that stopped before projecting them are recorded (and sent) now.
    for (const tenantId of await tenantsBehind(db.kysely)) projector.schedule(tenantId);
  }
  return app;
}
