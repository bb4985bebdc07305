import Stripe from 'stripe';

/**
 * How the server talks to Stripe. From the environment by default:
 * - STRIPE_SECRET_KEY: without it the terminal tender is unavailable (the reason is shown);
 * - STRIPE_WEBHOOK_SECRET: the endpoint secret webhooks are verified with (`whsec_...`);
 * - STRIPE_API_BASE: another API host, e.g. `http://127.0.0.1:12111` (tests, stripe-mock).
 */
export interface StripeSettings {
  secretKey?: string | null;
  webhookSecret?: string | null;
  apiBase?: string | null;
  /** Per-request timeout; the library's default is 80 s. */
  timeoutMs?: number;
  /** Retries of failed requests, with the same Idempotency-Key; the library's default is 2. */
  maxNetworkRetries?: number;
}

export function stripeSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): StripeSettings {
  return {
    secretKey: env.STRIPE_SECRET_KEY || null,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET || null,
    apiBase: env.STRIPE_API_BASE || null,
  };
}

/** The `stripe` library's host, port and protocol options for an API base URL. */
export function apiBaseOptions(apiBase: string): { host: string; port: number; protocol: 'http' | 'https' } {
  const url = new URL(apiBase);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`STRIPE_API_BASE must be http(s): ${apiBase}`);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol };
}

export type StripeSetup =
  | { available: true; stripe: Stripe; webhookSecret: string | null; testMode: boolean; reason: null }
  | { available: false; stripe: null; webhookSecret: string | null; testMode: false; reason: string };

export function setUpStripe(settings: StripeSettings): StripeSetup {
  const webhookSecret = settings.webhookSecret ?? null;
  const key = settings.secretKey;
  if (!key) {
    return {
      available: false,
      stripe: null,
      webhookSecret,
      testMode: false,
      reason: 'Card terminal unavailable: this server has no Stripe key (STRIPE_SECRET_KEY). Take cash or an external card machine.',
    };
  }
  const stripe = new Stripe(key, {
    ...(settings.apiBase ? apiBaseOptions(settings.apiBase) : {}),
    ...(settings.timeoutMs !== undefined ? { timeout: settings.timeoutMs } : {}),
    ...(settings.maxNetworkRetries !== undefined ? { maxNetworkRetries: settings.maxNetworkRetries } : {}),
    appInfo: { name: 'frontdesk-pos' },
  });
  return { available: true, stripe, webhookSecret, testMode: key.startsWith('sk_test_') || key.startsWith('rk_test_'), reason: null };
}
