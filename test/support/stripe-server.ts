import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { PairResponseBody } from '../../shared/protocol';
import type { StripeSettings } from '../../sync-server/stripe/config';
import { startFakeStripe, type FakeStripe } from './fake-stripe';
import { startTestServer, type DbKind, type TestServer } from './test-server';

export const WEBHOOK_SECRET = 'whsec_test_secret_for_the_fake';

export interface StripeServerContext {
  fake: FakeStripe;
  server: TestServer;
  /** A register of a new business, paired before each test; the fake's request log is cleared. */
  device: PairResponseBody;
}

/** Registers hooks: a fake Stripe, a sync server pointed at it (test key), a fresh paired device per test. */
export function useStripeServer(kind: DbKind, settings: Partial<StripeSettings> = {}): StripeServerContext {
  const context = {} as StripeServerContext;
  beforeAll(async () => {
    context.fake = await startFakeStripe();
    context.server = await startTestServer(kind, {
      stripe: { secretKey: 'sk_test_fake', webhookSecret: WEBHOOK_SECRET, apiBase: context.fake.url, timeoutMs: 400, maxNetworkRetries: 2, ...settings },
    });
  });
  afterAll(async () => {
    await context.server.close();
    await context.fake.close();
  });
  beforeEach(async () => {
    const tenant = await context.server.newTenant();
    context.device = await context.server.pair(tenant.pairingCode);
    context.fake.requests.length = 0;
  });
  return context;
}
