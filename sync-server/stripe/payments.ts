import type { Kysely, Selectable } from 'kysely';
import type Stripe from 'stripe';
import type { PaymentStatus } from '../../shared/schemas/payments';
import type {
  CaptureTerminalPaymentBody, CreateTerminalPaymentBody, ProcessTerminalPaymentBody, RefundTerminalPaymentBody,
  TerminalPaymentView, TerminalRefundResult,
} from '../../shared/terminal';
import type { Database, StripePaymentIntentsTable } from '../db/schema';
import type { Device } from '../devices/devices';
import { HttpError } from '../http/errors';
import { callStripe } from './errors';

type Row = Selectable<StripePaymentIntentsTable>;
type Db = Kysely<Database>;

const FINAL_STRIPE_STATUSES = new Set(['succeeded', 'canceled']);
/** The charge with its balance transaction: card details, refunds and Stripe's fee. */
const EXPAND_CHARGE = 'latest_charge.balance_transaction';

/** What a PaymentIntent's state means for the register's payment document. */
export function paymentStatusOf(row: Pick<Row, 'stripe_status' | 'failure_code'>): PaymentStatus {
  switch (row.stripe_status) {
    case 'succeeded':
      return 'succeeded';
    case 'requires_capture':
      return 'authorized';
    case 'canceled':
      return row.failure_code ? 'failed' : 'canceled';
    default:
      return row.failure_code ? 'failed' : 'pending';
  }
}

/** What Stripe charged for the payment: the fee of the captured charge's balance transaction (0 until captured). */
function feeOf(intent: Stripe.PaymentIntent): number {
  const charge = intent.latest_charge;
  if (!charge || typeof charge === 'string') return 0;
  const txn = charge.balance_transaction;
  return txn && typeof txn === 'object' ? txn.fee : 0;
}

function view(row: Row, intent: Stripe.PaymentIntent | null): TerminalPaymentView {
  const clientSecret = intent?.client_secret ?? null;
  return {
    paymentId: row.payment_id,
    orderId: row.order_id,
    paymentIntentId: row.payment_intent_id,
    clientSecret: FINAL_STRIPE_STATUSES.has(row.stripe_status) ? null : clientSecret,
    stripeStatus: row.stripe_status,
    status: paymentStatusOf(row),
    currency: row.currency,
    amount: Number(row.amount),
    tip: Number(row.tip),
    amountCapturable: Number(row.amount_capturable),
    amountReceived: Number(row.amount_received),
    amountRefunded: Number(row.amount_refunded),
    fee: intent ? feeOf(intent) : 0,
    cardBrand: row.card_brand,
    cardLast4: row.card_last4,
    failureCode: row.failure_code,
    failureReason: row.failure_message,
  };
}

function cardOf(intent: Stripe.PaymentIntent): { brand: string | null; last4: string | null } {
  const charge = intent.latest_charge;
  if (!charge || typeof charge === 'string') return { brand: null, last4: null };
  const card = charge.payment_method_details?.card_present;
  return { brand: card?.brand ?? null, last4: card?.last4 ?? null };
}

/** The columns a PaymentIntent decides. A final row is never moved back by a stale answer. */
function intentColumns(row: Row | undefined, intent: Stripe.PaymentIntent, now: Date) {
  const card = cardOf(intent);
  const error = intent.last_payment_error;
  const keepStatus = row && FINAL_STRIPE_STATUSES.has(row.stripe_status) && row.stripe_status !== intent.status;
  const charge = intent.latest_charge && typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
  return {
    ...(charge ? { amount_refunded: charge.amount_refunded } : {}),
    payment_intent_id: intent.id,
    stripe_status: keepStatus ? row.stripe_status : intent.status,
    amount_capturable: intent.amount_capturable,
    amount_received: keepStatus ? row.amount_received : intent.amount_received,
    ...(card.brand ? { card_brand: card.brand } : {}),
    ...(card.last4 ? { card_last4: card.last4 } : {}),
    ...(error ? { failure_code: error.decline_code ?? error.code ?? 'payment_failed', failure_message: error.message ?? 'The card was declined.' } : {}),
    updated_at: now,
  };
}

export async function rowFor(db: Db, device: Pick<Device, 'tenantId'>, paymentId: string): Promise<Row> {
  const row = await db
    .selectFrom('stripe_payment_intents')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .where('tenant_id', '=', device.tenantId)
    .executeTakeFirst();
  if (!row) throw new HttpError(404, `No card payment ${paymentId} on this server.`);
  return row;
}

async function saveIntent(db: Db, paymentId: string, intent: Stripe.PaymentIntent, now: Date): Promise<Row> {
  const before = await db.selectFrom('stripe_payment_intents').selectAll().where('payment_id', '=', paymentId).executeTakeFirstOrThrow();
  return db
    .updateTable('stripe_payment_intents')
    .set(intentColumns(before, intent, now))
    .where('payment_id', '=', paymentId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export class TerminalPayments {
  constructor(
    private readonly db: Db,
    private readonly stripe: Stripe,
    private readonly now: () => Date,
  ) {}

  /**
   * Create the PaymentIntent for a register's payment, or return the one already created for it.
   * The row is written before Stripe is called, and Stripe is called with the payment id as
   * Idempotency-Key: a crash or timeout in between is repaired by calling again, and Stripe
   * answers with the same PaymentIntent.
   */
  async create(device: Device, body: CreateTerminalPaymentBody): Promise<{ created: boolean; payment: TerminalPaymentView }> {
    const location = await this.db
      .selectFrom('locations')
      .leftJoin('stripe_locations', 'stripe_locations.location_id', 'locations.id')
      .select(['locations.currency', 'stripe_locations.account_id', 'stripe_locations.charges_enabled'])
      .where('locations.id', '=', device.locationId)
      .executeTakeFirstOrThrow();
    if (body.currency !== location.currency) {
      throw new HttpError(422, `This location takes ${location.currency}, not ${body.currency}.`);
    }
    if (body.amount + body.tip <= 0) throw new HttpError(422, 'A card payment must be for more than zero.');
    const now = this.now();
    const inserted = await this.db
      .insertInto('stripe_payment_intents')
      .values({
        payment_id: body.paymentId,
        tenant_id: device.tenantId,
        location_id: device.locationId,
        device_id: device.id,
        order_id: body.orderId,
        stripe_status: 'creating',
        currency: body.currency,
        amount: body.amount,
        tip: body.tip,
        destination_account: location.account_id && location.charges_enabled ? location.account_id : null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('payment_id').doNothing())
      .returningAll()
      .executeTakeFirst();
    const row = inserted ?? (await rowFor(this.db, device, body.paymentId));
    if (row.order_id !== body.orderId || Number(row.amount) !== body.amount || Number(row.tip) !== body.tip || row.currency !== body.currency) {
      throw new HttpError(409, `Payment ${body.paymentId} was already started for another sale or amount: start a new payment.`);
    }
    if (row.payment_intent_id && row.stripe_status !== 'creating') {
      return { created: false, payment: await this.refresh(row) };
    }
    const intent = await this.createIntent(row);
    return { created: Boolean(inserted), payment: view(await saveIntent(this.db, row.payment_id, intent, this.now()), intent) };
  }

  private createIntent(row: Row): Promise<Stripe.PaymentIntent> {
    const destination = row.destination_account;
    return callStripe('Creating the card payment', () =>
      this.stripe.paymentIntents.create(
        {
          amount: Number(row.amount) + Number(row.tip),
          currency: row.currency.toLowerCase(),
          allowed_payment_method_types: ['card_present'],
          capture_method: 'manual',
          payment_method_options: { card_present: { request_incremental_authorization_support: true } },
          metadata: {
            paymentId: row.payment_id,
            orderId: row.order_id,
            tenantId: row.tenant_id,
            locationId: row.location_id,
            deviceId: row.device_id,
            tip: String(row.tip),
          },
          ...(destination ? { on_behalf_of: destination, transfer_data: { destination } } : {}),
        },
        { idempotencyKey: row.payment_id },
      ),
    );
  }

  /** The payment as Stripe has it now. A row still `creating` repeats the create (same key). */
  async refresh(row: Row): Promise<TerminalPaymentView> {
    const intent = row.payment_intent_id
      ? await callStripe('Looking up the card payment', () =>
          this.stripe.paymentIntents.retrieve(row.payment_intent_id as string, { expand: [EXPAND_CHARGE] }),
        )
      : await this.createIntent(row);
    return view(await saveIntent(this.db, row.payment_id, intent, this.now()), intent);
  }

  async get(device: Device, paymentId: string): Promise<TerminalPaymentView> {
    return this.refresh(await rowFor(this.db, device, paymentId));
  }

  /**
   * Server-driven processing: hand the PaymentIntent to a reader registered with Stripe. In test
   * mode, `testCardNumber` then presents that card to the simulated reader, as Stripe's test
   * helpers do, so approvals and declines go through Stripe's own PaymentIntent confirmation.
   */
  async process(device: Device, paymentId: string, body: ProcessTerminalPaymentBody, testMode: boolean): Promise<TerminalPaymentView> {
    const row = await this.ensureIntent(device, paymentId);
    await this.assertReaderOfLocation(device, body.readerId);
    if (row.stripe_status === 'requires_payment_method') {
      await callStripe('Sending the payment to the reader', () =>
        this.stripe.terminal.readers.processPaymentIntent(
          body.readerId,
          { payment_intent: row.payment_intent_id as string },
          { idempotencyKey: `${paymentId}:process:${body.readerId}` },
        ),
      );
      if (body.testCardNumber !== undefined) {
        if (!testMode) throw new HttpError(422, 'Test cards are for Stripe test mode only.');
        await callStripe('Presenting the test card', () =>
          this.stripe.testHelpers.terminal.readers.presentPaymentMethod(
            body.readerId,
            { type: 'card_present', card_present: { number: body.testCardNumber } },
            { idempotencyKey: `${paymentId}:present:${body.readerId}` },
          ),
        );
      }
    }
    return this.refresh(await rowFor(this.db, device, paymentId));
  }

  /** Capture the final amount: the sale's amount and the tip added after authorization. */
  async capture(device: Device, paymentId: string, body: CaptureTerminalPaymentBody): Promise<TerminalPaymentView> {
    let row = await this.ensureIntent(device, paymentId);
    const intentId = row.payment_intent_id as string;
    if (row.stripe_status === 'succeeded') return this.refresh(row);
    if (row.stripe_status !== 'requires_capture') {
      throw new HttpError(409, `The card payment is ${row.stripe_status}, not authorized: nothing to capture.`);
    }
    const total = body.amount + body.tip;
    if (total > Number(row.amount_capturable)) {
      // Tip above what was authorized: ask for more where the card supports it.
      await callStripe('Raising the authorization for the tip', () =>
        this.stripe.paymentIntents.incrementAuthorization(intentId, { amount: total }, { idempotencyKey: `${paymentId}:increment:${total}` }),
      );
    }
    const intent = await callStripe('Capturing the card payment', () =>
      this.stripe.paymentIntents.capture(
        intentId,
        { amount_to_capture: total, metadata: { tip: String(body.tip) }, expand: [EXPAND_CHARGE] },
        { idempotencyKey: `${paymentId}:capture:${total}` },
      ),
    );
    row = await this.db
      .updateTable('stripe_payment_intents')
      .set({ amount: body.amount, tip: body.tip })
      .where('payment_id', '=', paymentId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return view(await saveIntent(this.db, row.payment_id, intent, this.now()), intent);
  }

  /** Cancel an intent that was not captured (a decline, a canceled sale, an abandoned one). */
  async cancel(device: Device, paymentId: string): Promise<TerminalPaymentView> {
    const row = await this.ensureIntent(device, paymentId);
    if (row.stripe_status === 'canceled') return this.refresh(row);
    if (row.stripe_status === 'succeeded') throw new HttpError(409, 'The card payment was captured: refund it instead.');
    const intent = await callStripe('Canceling the card payment', () =>
      this.stripe.paymentIntents.cancel(row.payment_intent_id as string, { cancellation_reason: 'abandoned' }, { idempotencyKey: `${paymentId}:cancel` }),
    );
    return view(await saveIntent(this.db, paymentId, intent, this.now()), intent);
  }

  /** Refund part or all of a captured payment; with Connect, the transfer and fee are reversed too. */
  async refund(device: Device, paymentId: string, body: RefundTerminalPaymentBody): Promise<TerminalRefundResult> {
    const row = await rowFor(this.db, device, paymentId);
    if (row.stripe_status !== 'succeeded' || !row.payment_intent_id) throw new HttpError(409, 'Only a captured card payment can be refunded.');
    const left = Number(row.amount_received) - Number(row.amount_refunded);
    if (body.amount > left) throw new HttpError(422, `At most ${left} (minor units) is left to refund on this payment.`);
    const refund = await callStripe('Refunding the card payment', () =>
      this.stripe.refunds.create(
        {
          payment_intent: row.payment_intent_id as string,
          amount: body.amount,
          metadata: { paymentId, refundId: body.refundId },
          ...(row.destination_account ? { reverse_transfer: true, refund_application_fee: true } : {}),
        },
        { idempotencyKey: body.refundId },
      ),
    );
    await this.refresh(row);
    return { refundId: body.refundId, stripeRefundId: refund.id, status: refund.status ?? 'pending', amount: refund.amount };
  }

  /**
   * A reader must belong to the device's business location when that location has a Stripe
   * Terminal location (one Stripe account serves every business, so reader ids alone do not).
   */
  async assertReaderOfLocation(device: Device, readerId: string): Promise<void> {
    const location = await this.db.selectFrom('stripe_locations').select('terminal_location_id').where('location_id', '=', device.locationId).executeTakeFirst();
    if (!location?.terminal_location_id) return;
    const reader = await callStripe('Looking up the reader', () => this.stripe.terminal.readers.retrieve(readerId));
    const readerLocation = 'location' in reader ? (typeof reader.location === 'string' ? reader.location : reader.location?.id) : null;
    if (readerLocation !== location.terminal_location_id) throw new HttpError(403, 'That reader belongs to another location.');
  }

  /** The row with its PaymentIntent made (a row left `creating` by a crash is completed first). */
  private async ensureIntent(device: Device, paymentId: string): Promise<Row> {
    const row = await rowFor(this.db, device, paymentId);
    if (row.payment_intent_id && row.stripe_status !== 'creating') return row;
    await this.refresh(row);
    return rowFor(this.db, device, paymentId);
  }
}

/** Apply a verified webhook event to the server's record. Unknown intents are ignored. */
export async function applyStripeEvent(db: Db, event: Stripe.Event, now: Date): Promise<boolean> {
  switch (event.type) {
    case 'payment_intent.succeeded':
    case 'payment_intent.payment_failed':
    case 'payment_intent.canceled':
    case 'payment_intent.amount_capturable_updated': {
      const intent = event.data.object;
      const row = await db
        .selectFrom('stripe_payment_intents')
        .selectAll()
        .where((eb) => eb.or([eb('payment_intent_id', '=', intent.id), eb('payment_id', '=', intent.metadata?.paymentId ?? '')]))
        .executeTakeFirst();
      if (!row) return false;
      await db.updateTable('stripe_payment_intents').set(intentColumns(row, intent, now)).where('payment_id', '=', row.payment_id).execute();
      return true;
    }
    case 'charge.refunded': {
      const charge = event.data.object;
      const intentId = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
      if (!intentId) return false;
      const result = await db
        .updateTable('stripe_payment_intents')
        .set({ amount_refunded: charge.amount_refunded, updated_at: now })
        .where('payment_intent_id', '=', intentId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    }
    case 'account.updated': {
      const account = event.data.object;
      const result = await db
        .updateTable('stripe_locations')
        .set({ charges_enabled: Boolean(account.charges_enabled) })
        .where('account_id', '=', account.id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    }
    default:
      return false;
  }
}
