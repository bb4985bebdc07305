import Stripe from 'stripe';
import { HttpError } from '../http/errors';

/**
 * Call Stripe and turn its failures into the server's error shapes. A request Stripe may or may
 * not have applied (a timeout, a 5xx after the library's retries) is 502 and safe to retry: every
 * request that changes money carries an Idempotency-Key, so a retry never charges twice.
 */
export async function callStripe<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw stripeHttpError(what, error);
  }
}

export function stripeHttpError(what: string, error: unknown): Error {
  if (!(error instanceof Stripe.errors.StripeError)) return error instanceof Error ? error : new Error(String(error));
  if (error instanceof Stripe.errors.StripeCardError) {
    return new HttpError(402, `${what}: ${error.message}`);
  }
  if (error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError || (error.statusCode ?? 500) >= 500) {
    return new HttpError(502, `${what}: Stripe did not answer (${error.message}). Nothing was charged twice; try again.`);
  }
  if (error instanceof Stripe.errors.StripeIdempotencyError) {
    return new HttpError(409, `${what}: ${error.message}`);
  }
  if (error instanceof Stripe.errors.StripeAuthenticationError || error instanceof Stripe.errors.StripePermissionError) {
    return new HttpError(503, `${what}: the server's Stripe key was refused (${error.message}).`);
  }
  return new HttpError(error.statusCode === 404 ? 404 : 409, `${what}: ${error.message}`);
}
