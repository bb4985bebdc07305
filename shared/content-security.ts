/**
 * Stripe Terminal JS: its script and iframe come from js.stripe.com, it calls Stripe's APIs, and
 * smart readers on the LAN answer on *.stripe-terminal-local-reader.net (https and wss).
 */
export const STRIPE_TERMINAL_SCRIPT = 'https://js.stripe.com';
export const STRIPE_TERMINAL_CONNECT = [
  'https://api.stripe.com',
  'https://*.stripe.com',
  'https://*.stripe-terminal-local-reader.net',
  'wss://*.stripe-terminal-local-reader.net',
] as const;

/**
 * The register's Content-Security-Policy, as directives: the same in the Electron window and
 * where the sync server serves it (`/`, `/admin`). `connect` names the sync server when it is
 * another origin than the page's (Electron's app:// window).
 */
export function registerCspDirectives(connect: readonly string[] = []): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", STRIPE_TERMINAL_SCRIPT],
    'frame-src': [STRIPE_TERMINAL_SCRIPT],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...connect, ...STRIPE_TERMINAL_CONNECT],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
}
