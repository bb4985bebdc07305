import type { FastifyInstance } from 'fastify';
import { authenticate } from '../auth/principal';
import { adminRoutes, type LoginRateLimit } from './admin';
import { balanceRoutes } from './balances';
import { installResponseValidation, type BackOfficeContext } from './common';
import type { Projector } from '../projections/projector';
import { paymentRoutes } from './payments';
import { resourceRoutes } from './resources';
import { revenueRoutes } from './revenue';
import { salesReportRoutes } from './sales-report';
import { reviewRoutes } from '../review/routes';
import type { JobQueue } from '../jobs/queue';
import { notificationRoutes } from '../notifications/routes';

export interface BackOfficeOptions extends BackOfficeContext {
  loginRateLimit: LoginRateLimit;
  projector: Projector;
  jobs: JobQueue;
}

/** The back-office API under /api/v1: users and roles, resources, payments, revenue, balances, audit review, notifications. */
export async function backOfficeRoutes(app: FastifyInstance, options: BackOfficeOptions) {
  app.addHook('onRequest', authenticate(options.db, options.now));
  // Figures include every document pushed before the request, also one still being projected.
  app.addHook('preHandler', async (request) => {
    if (request.principal) await options.projector.catchUp(request.principal.tenantId);
  });
  installResponseValidation(app);
  await adminRoutes(app, options);
  await resourceRoutes(app, options);
  await paymentRoutes(app, options);
  await revenueRoutes(app, options);
  await salesReportRoutes(app, options);
  await balanceRoutes(app, options);
  await reviewRoutes(app, options);
  await notificationRoutes(app, options);
}
