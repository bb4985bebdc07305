/**
 * The card-terminal contract between registers and the sync server (Stripe Terminal). All
 * routes are under /api/v1 and take the device token, like replication. Amounts are integers in
 * the location currency's minor unit; `amount` excludes the tip, as on payment documents.
 */
import type { PaymentStatus } from './schemas/payments';

/** GET /terminal/status */
export interface TerminalStatusBody {
  /** Whether the server can take card-present payments through Stripe. */
  available: boolean;
  /** Why not, in one line for the cashier; null when available. */
  reason: string | null;
}

/** POST /terminal/connection-token */
export interface ConnectionTokenBody {
  secret: string;
}

export interface TerminalReaderBody {
  id: string;
  label: string | null;
  deviceType: string;
  status: string | null;
  serialNumber: string | null;
  /** The Stripe Terminal location the reader is registered to. */
  location: string | null;
}

/** POST /terminal/payments */
export interface CreateTerminalPaymentBody {
  /** The register's payment id (the pending payment document's id): the Idempotency-Key. */
  paymentId: string;
  orderId: string;
  amount: number;
  tip: number;
  currency: string;
}

/** POST /terminal/payments/:paymentId/process: hand the PaymentIntent to a server-driven reader. */
export interface ProcessTerminalPaymentBody {
  readerId: string;
  /** Test mode only: the card the simulated reader is presented with (Stripe's test card numbers). */
  testCardNumber?: string;
}

/** POST /terminal/payments/:paymentId/capture: the final amount and tip. */
export interface CaptureTerminalPaymentBody {
  amount: number;
  tip: number;
}

/** POST /terminal/payments/:paymentId/refunds */
export interface RefundTerminalPaymentBody {
  /** The register's refund id: the Idempotency-Key. */
  refundId: string;
  /** What to give back, tip included, in minor units; at most what was captured and not refunded. */
  amount: number;
}

export interface TerminalRefundResult {
  refundId: string;
  stripeRefundId: string;
  status: string;
  amount: number;
}

/** The server's record of one PaymentIntent, refreshed from Stripe when asked. */
export interface TerminalPaymentView {
  paymentId: string;
  orderId: string;
  paymentIntentId: string | null;
  /** For the Stripe Terminal JS SDK's collectPaymentMethod; null once the intent is final. */
  clientSecret: string | null;
  /** Stripe's PaymentIntent status (`requires_payment_method`, `requires_capture`, ...). */
  stripeStatus: string;
  /** What it means for the payment document: pending, authorized, succeeded, failed, canceled. */
  status: PaymentStatus;
  currency: string;
  amount: number;
  tip: number;
  /** What can still be captured (authorized, not yet captured). */
  amountCapturable: number;
  amountReceived: number;
  amountRefunded: number;
  /** Stripe's processing fee for the captured charge (0 until captured). */
  fee: number;
  cardBrand: string | null;
  cardLast4: string | null;
  failureCode: string | null;
  failureReason: string | null;
}

/** POST /terminal/connect/onboarding (seed 003's CreateAccount, then an onboarding link). */
export interface ConnectOnboardingBody {
  businessType?: 'individual' | 'company';
  refreshUrl: string;
  returnUrl: string;
}

export interface ConnectOnboardingResult {
  accountId: string;
  url: string;
}

/** POST /terminal/location: the Stripe Terminal location of this register's business location. */
export interface TerminalLocationBody {
  displayName: string;
  address: { line1: string; line2?: string; city: string; state?: string; postal_code: string; country: string };
}

export interface TerminalLocationResult {
  terminalLocationId: string;
}
