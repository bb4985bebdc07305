import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type Stripe from 'stripe';
import type {
  CaptureTerminalPaymentBody, ConnectOnboardingBody, ConnectOnboardingResult, CreateTerminalPaymentBody,
  ProcessTerminalPaymentBody, RefundTerminalPaymentBody, TerminalLocationBody, TerminalLocationResult, TerminalReaderBody, TerminalStatusBody,
} from '../../shared/terminal';
import type { Database } from '../db/schema';
import type { Device } from '../devices/devices';
import { requireDevice } from '../devices/device-auth';
import { HttpError } from '../http/errors';
import { setUpStripe, stripeSettingsFromEnv, type StripeSettings, type StripeSetup } from './config';
import { callStripe } from './errors';
import { applyStripeEvent, TerminalPayments } from './payments';

declare module '../app' {
  interface AppOptions {
    /** Stripe for the card terminal; from the environment (STRIPE_*) when absent. */
    stripe?: StripeSettings;
  }
}

export interface StripeRoutesOptions {
  db: Kysely<Database>;
  settings?: StripeSettings;
  now: () => Date;
}

const idParam = { type: 'string', minLength: 1, maxLength: 64 } as const;
const text = { type: 'string', minLength: 1, maxLength: 200 } as const;
const minor = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
const paymentParams = { type: 'object', properties: { paymentId: idParam }, required: ['paymentId'] } as const;
const body = (properties: Record<string, object>, required: string[]) =>
  ({ type: 'object', additionalProperties: false, properties, required }) as const;

function device(request: FastifyRequest): Device {
  if (!request.device) throw new HttpError(401, 'Missing bearer token: pair this register first.');
  return request.device;
}

/**
 * Card-present payments through Stripe Terminal (docs/stripe-terminal.md). The secret key stays
 * here; registers get connection tokens and ask this server to create, capture, cancel and
 * refund PaymentIntents. Every route but the webhook takes a device token.
 */
export async function stripeRoutes(app: FastifyInstance, opts: StripeRoutesOptions): Promise<void> {
  const setup = setUpStripe(opts.settings ?? stripeSettingsFromEnv());
  await app.register(webhookRoute, { db: opts.db, setup, now: opts.now });
  await app.register(async (api) => {
    api.addHook('onRequest', requireDevice(opts.db));
    api.get('/terminal/status', async (): Promise<TerminalStatusBody> => ({ available: setup.available, reason: setup.reason }));
    if (!setup.available) {
      // Not an operation of its own: documenting it would put every method on one path.
      api.all('/terminal/*', { schema: { hide: true } }, async () => {
        throw new HttpError(503, setup.reason);
      });
      return;
    }
    terminalRoutes(api, opts.db, setup.stripe, setup.testMode, opts.now);
  });
}

function terminalRoutes(api: FastifyInstance, db: Kysely<Database>, stripe: Stripe, testMode: boolean, now: () => Date): void {
  const payments = new TerminalPayments(db, stripe, now);
  const terminalLocation = async (locationId: string) =>
    (await db.selectFrom('stripe_locations').select('terminal_location_id').where('location_id', '=', locationId).executeTakeFirst())
      ?.terminal_location_id ?? undefined;

  api.post('/terminal/connection-token', async (request) => {
    const location = await terminalLocation(device(request).locationId);
    const token = await callStripe('Getting a reader connection token', () =>
      stripe.terminal.connectionTokens.create(location ? { location } : {}),
    );
    return { secret: token.secret };
  });

  api.post(
    '/terminal/location',
    {
      schema: {
        body: body(
          {
            displayName: { type: 'string', minLength: 1, maxLength: 100 },
            address: body(
              { line1: text, line2: text, city: text, state: text, postal_code: { type: 'string', minLength: 1, maxLength: 20 }, country: { type: 'string', pattern: '^[A-Z]{2}$' } },
              ['line1', 'city', 'postal_code', 'country'],
            ),
          },
          ['displayName', 'address'],
        ),
      },
    },
    async (request): Promise<TerminalLocationResult> => {
      const { tenantId, locationId } = device(request);
      const existing = await terminalLocation(locationId);
      if (existing) return { terminalLocationId: existing };
      const input = request.body as TerminalLocationBody;
      const created = await callStripe('Creating the Terminal location', () =>
        stripe.terminal.locations.create(
          { display_name: input.displayName, address: input.address, metadata: { tenantId, locationId } },
          { idempotencyKey: `terminal-location:${locationId}` },
        ),
      );
      await db
        .insertInto('stripe_locations')
        .values({ location_id: locationId, tenant_id: tenantId, terminal_location_id: created.id, created_at: now() })
        .onConflict((oc) => oc.column('location_id').doUpdateSet({ terminal_location_id: created.id }))
        .execute();
      return { terminalLocationId: created.id };
    },
  );

  api.get('/terminal/readers', async (request) => {
    const location = await terminalLocation(device(request).locationId);
    const list = await callStripe('Listing the readers', () => stripe.terminal.readers.list({ limit: 100, ...(location ? { location } : {}) }));
    return { readers: list.data.map(readerBody) };
  });

  api.post('/terminal/readers/simulated', async (request, reply) => {
    if (!testMode) throw new HttpError(422, 'Simulated readers are for Stripe test mode only.');
    const location = await terminalLocation(device(request).locationId);
    const reader = await callStripe('Registering a simulated reader', () =>
      stripe.terminal.readers.create(
        { registration_code: 'simulated-wpe', label: `Simulated reader (${device(request).name})`, ...(location ? { location } : {}) },
        { idempotencyKey: `simulated-reader:${device(request).id}` },
      ),
    );
    reply.code(201);
    return readerBody(reader);
  });

  api.delete('/terminal/readers/:readerId', { schema: { params: { type: 'object', properties: { readerId: idParam }, required: ['readerId'] } } }, async (request) => {
    const { readerId } = request.params as { readerId: string };
    await payments.assertReaderOfLocation(device(request), readerId);
    await callStripe('Removing the reader', () => stripe.terminal.readers.del(readerId));
    return { deleted: true, id: readerId };
  });

  api.post(
    '/terminal/payments',
    { schema: { body: body({ paymentId: idParam, orderId: idParam, amount: minor, tip: minor, currency: { type: 'string', pattern: '^[A-Z]{3}$' } }, ['paymentId', 'orderId', 'amount', 'tip', 'currency']) } },
    async (request, reply) => {
      const result = await payments.create(device(request), request.body as CreateTerminalPaymentBody);
      reply.code(result.created ? 201 : 200);
      return result.payment;
    },
  );

  api.get('/terminal/payments/:paymentId', { schema: { params: paymentParams } }, async (request) =>
    payments.get(device(request), (request.params as { paymentId: string }).paymentId),
  );

  api.post(
    '/terminal/payments/:paymentId/process',
    { schema: { params: paymentParams, body: body({ readerId: idParam, testCardNumber: { type: 'string', pattern: '^\\d{12,19}$' } }, ['readerId']) } },
    async (request) =>
      payments.process(device(request), (request.params as { paymentId: string }).paymentId, request.body as ProcessTerminalPaymentBody, testMode),
  );

  api.post(
    '/terminal/payments/:paymentId/capture',
    { schema: { params: paymentParams, body: body({ amount: minor, tip: minor }, ['amount', 'tip']) } },
    async (request) =>
      payments.capture(device(request), (request.params as { paymentId: string }).paymentId, request.body as CaptureTerminalPaymentBody),
  );

  api.post('/terminal/payments/:paymentId/cancel', { schema: { params: paymentParams } }, async (request) =>
    payments.cancel(device(request), (request.params as { paymentId: string }).paymentId),
  );

  api.post(
    '/terminal/payments/:paymentId/refunds',
    { schema: { params: paymentParams, body: body({ refundId: idParam, amount: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } }, ['refundId', 'amount']) } },
    async (request, reply) => {
      const result = await payments.refund(device(request), (request.params as { paymentId: string }).paymentId, request.body as RefundTerminalPaymentBody);
      reply.code(201);
      return result;
    },
  );

  api.post(
    '/terminal/connect/onboarding',
    {
      schema: {
        body: body(
          { businessType: { type: 'string', enum: ['individual', 'company'] }, refreshUrl: { type: 'string', format: 'uri', maxLength: 2000 }, returnUrl: { type: 'string', format: 'uri', maxLength: 2000 } },
          ['refreshUrl', 'returnUrl'],
        ),
      },
    },
    async (request): Promise<ConnectOnboardingResult> => {
      const { tenantId, locationId } = device(request);
      const input = request.body as ConnectOnboardingBody;
      await db.insertInto('stripe_locations').values({ location_id: locationId, tenant_id: tenantId, created_at: now() }).onConflict((oc) => oc.column('location_id').doNothing()).execute();
      const existing = await db.selectFrom('stripe_locations').select('account_id').where('location_id', '=', locationId).executeTakeFirstOrThrow();
      let accountId = existing.account_id;
      if (accountId) {
        const account = await callStripe('Looking up the connected account', () => stripe.accounts.retrieve(accountId as string));
        await db.updateTable('stripe_locations').set({ charges_enabled: Boolean(account.charges_enabled) }).where('location_id', '=', locationId).execute();
      } else {
        const account = await callStripe('Creating the connected account', () =>
          stripe.accounts.create(
            { type: 'express', business_type: input.businessType ?? 'individual', metadata: { tenantId, locationId }, capabilities: { card_payments: { requested: true }, transfers: { requested: true } } },
            { idempotencyKey: `account:${locationId}` },
          ),
        );
        accountId = account.id;
        await db.updateTable('stripe_locations').set({ account_id: accountId, charges_enabled: Boolean(account.charges_enabled) }).where('location_id', '=', locationId).execute();
      }
      const link = await callStripe('Creating the onboarding link', () =>
        stripe.accountLinks.create({ account: accountId as string, type: 'account_onboarding', refresh_url: input.refreshUrl, return_url: input.returnUrl }),
      );
      return { accountId, url: link.url };
    },
  );
}

function readerBody(reader: Stripe.Terminal.Reader): TerminalReaderBody {
  return {
    id: reader.id,
    label: reader.label ?? null,
    deviceType: reader.device_type,
    status: reader.status ?? null,
    serialNumber: reader.serial_number ?? null,
    location: typeof reader.location === 'string' ? reader.location : (reader.location?.id ?? null),
  };
}

/** How far ahead of this server's clock a webhook signature may be (clock skew); beyond, refused. */
const FUTURE_TOLERANCE_MS = 60_000;

/**
 * POST /stripe/webhook, verified on the raw body: this scope alone parses every body as a
 * Buffer, so JSON parsing elsewhere is untouched. A bad signature, or one signed more than a
 * minute in the future, is 400 and changes nothing; an event id seen before is 200 and ignored.
 */
async function webhookRoute(app: FastifyInstance, opts: { db: Kysely<Database>; setup: StripeSetup; now: () => Date }): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, payload, done) => done(null, payload));
  app.post('/stripe/webhook', async (request) => {
    const { setup } = opts;
    if (!setup.available || !setup.webhookSecret) {
      throw new HttpError(503, 'Stripe webhooks are not configured on this server (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET).');
    }
    const signature = request.headers['stripe-signature'];
    if (typeof signature !== 'string' || !Buffer.isBuffer(request.body)) throw new HttpError(400, 'Missing Stripe-Signature header or body.');
    let event: Stripe.Event;
    const now = opts.now();
    try {
      // The signature's age is measured on the server's clock, not Stripe's default Date.now().
      event = setup.stripe.webhooks.constructEvent(request.body, signature, setup.webhookSecret, undefined, undefined, now.getTime());
    } catch (error) {
      throw new HttpError(400, `Webhook signature rejected: ${(error as Error).message}`);
    }
    const signedAt = Number(/(?:^|,)t=(\d+)/.exec(signature)?.[1]);
    if (signedAt * 1000 > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw new HttpError(400, `Webhook signature rejected: signed at ${new Date(signedAt * 1000).toISOString()}, in the future of this server's clock.`);
    }
    // The event id is noted in the transaction that applies it: a replay (or a retry racing the
    // first delivery) finds it and changes nothing; a failed apply leaves it for Stripe's retry.
    return opts.db.transaction().execute(async (trx) => {
      const first = await trx
        .insertInto('stripe_webhook_events')
        .values({ event_id: event.id, type: event.type, received_at: now })
        .onConflict((oc) => oc.column('event_id').doNothing())
        .returning('event_id')
        .executeTakeFirst();
      if (!first) return { received: true, applied: false, duplicate: true };
      return { received: true, applied: await applyStripeEvent(trx, event, now) };
    });
  });
}
