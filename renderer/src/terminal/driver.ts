import type { TerminalPaymentView } from '../../../shared/terminal';

/**
 * A card reader as the register's checkout sees it. Two drivers: Stripe Terminal JS
 * (stripe-driver.ts) and a simulated reader for the demo and tests (simulated-driver.ts).
 * A driver only gets a card onto a PaymentIntent and authorizes it; recording the payment,
 * capturing, canceling and reconciling are terminal-payment.ts and reconcile.ts, the same for both.
 */
export type TerminalAvailability = { available: true; reason: null } | { available: false; reason: string };

export interface ConnectedReader {
  id: string;
  label: string | null;
  simulated: boolean;
}

export interface CollectRequest {
  /** The register's payment id (the pending payment document's id). */
  paymentId: string;
  /** The server's PaymentIntent for it; null when a simulated driver runs without a server key (demo). */
  intent: TerminalPaymentView | null;
  /** Minor units; `amount` excludes the tip, as on payment documents. */
  amount: number;
  tip: number;
  currency: string;
  /** Simulated driver: the test card number the customer "taps" (SIMULATED_CARDS); ignored by Stripe. */
  testCardNumber?: string;
}

/** How asking the reader ended, when it ended with an answer. */
export type CollectOutcome =
  | { kind: 'authorized'; cardBrand: string | null; cardLast4: string | null }
  | { kind: 'declined'; code: string; reason: string }
  | { kind: 'canceled'; reason: string };

/**
 * Asking the reader ended without an answer: whether the card was charged is unknown, so the
 * payment stays pending and is reconciled with the server (reconcile.ts).
 */
export type TerminalErrorCode = 'sdk_unavailable' | 'no_reader' | 'timeout' | 'reader_disconnected' | 'network';

export class TerminalError extends Error {
  constructor(
    readonly code: TerminalErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TerminalError';
  }
}

export interface TerminalDriver {
  readonly kind: 'stripe' | 'simulated';
  /** Whether payments go through the sync server's PaymentIntents (false: a local-only simulation). */
  readonly usesServer: boolean;
  /** Whether this driver can take a card now, and if not why, in one line. */
  availability(): Promise<TerminalAvailability>;
  /** Discover and connect a reader; the one chosen is remembered per register. */
  connect(): Promise<ConnectedReader>;
  /** Collect a card for the intent and authorize it (manual capture). Throws TerminalError when the answer is unknown. */
  collect(request: CollectRequest): Promise<CollectOutcome>;
  /** Cancel the collection in progress, if any (the customer or cashier gave up). */
  cancel(): Promise<void>;
  disconnect(): Promise<void>;
}
