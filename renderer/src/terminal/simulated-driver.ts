import type { TerminalApi } from './api';
import { TerminalError, type CollectOutcome, type CollectRequest, type ConnectedReader, type TerminalAvailability, type TerminalDriver } from './driver';

/**
 * Test cards the simulated reader knows, after Stripe's simulated reader. The first three are
 * Stripe's own test numbers; timeout and disconnect are this driver's.
 */
export const SIMULATED_CARDS = {
  approved: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  /** The reader waits and nobody taps: no card reaches the intent. */
  timeout: '4000000000000119',
  /** The card is tapped and authorized at Stripe, then the reader drops before answering. */
  readerDisconnect: '4000000000000259',
} as const;

const LOCAL_DECLINES: Record<string, { code: string; reason: string }> = {
  [SIMULATED_CARDS.declined]: { code: 'generic_decline', reason: 'Your card was declined.' },
  [SIMULATED_CARDS.insufficientFunds]: { code: 'insufficient_funds', reason: 'Your card has insufficient funds.' },
};

export interface SimulatedDriverOptions {
  /**
   * The sync server, when it has a Stripe test key: the driver then uses Stripe's server-driven
   * Terminal API through it (a simulated reader registered with Stripe, processPaymentIntent,
   * and the test helper presentPaymentMethod with the card number), so Stripe (or the fake in
   * tests) sees the real PaymentIntent confirmations. Null: decide locally, no network (demo
   * without a key).
   */
  api: TerminalApi | null;
  /** Where the registered simulated reader id is remembered (per register). */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  storageKey?: string;
  /** The card used when a request names none. */
  defaultCard?: string;
  /** How long the reader "waits" for the timeout card before giving up. */
  timeoutMs?: number;
  /** A pause that makes the demo look like a reader (0 in tests). */
  delayMs?: number;
}

export function createSimulatedDriver(options: SimulatedDriverOptions): TerminalDriver {
  const { api } = options;
  const storageKey = options.storageKey ?? 'pos.terminal.simulatedReader';
  let reader: ConnectedReader | null = null;
  let canceled: (() => void) | null = null;

  async function connect(): Promise<ConnectedReader> {
    if (reader) return reader;
    if (!api) {
      reader = { id: 'tmr_local_simulated', label: 'Simulated reader (no server)', simulated: true };
      return reader;
    }
    const remembered = options.storage?.getItem(storageKey) ?? null;
    const known = await api.readers().catch((error: unknown) => {
      throw new TerminalError('network', `The sync server did not list the readers: ${(error as Error).message}`);
    });
    const found = known.find((r) => r.id === remembered) ?? known.find((r) => r.deviceType.startsWith('simulated'));
    const registered = found ?? (await api.registerSimulatedReader());
    options.storage?.setItem(storageKey, registered.id);
    reader = { id: registered.id, label: registered.label, simulated: true };
    return reader;
  }

  /** Wait `ms`, or until cancel() is called. */
  function wait(ms: number): Promise<'elapsed' | 'canceled'> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        canceled = null;
        resolve('elapsed');
      }, ms);
      canceled = () => {
        clearTimeout(timer);
        canceled = null;
        resolve('canceled');
      };
    });
  }

  async function collect(request: CollectRequest): Promise<CollectOutcome> {
    const card = request.testCardNumber ?? options.defaultCard ?? SIMULATED_CARDS.approved;
    const connected = await connect();
    if (options.delayMs) {
      if ((await wait(options.delayMs)) === 'canceled') return { kind: 'canceled', reason: 'Canceled at the register.' };
    }
    if (card === SIMULATED_CARDS.timeout) {
      if (api && request.intent) await api.process(request.paymentId, { readerId: connected.id });
      if ((await wait(options.timeoutMs ?? 30_000)) === 'canceled') return { kind: 'canceled', reason: 'Canceled at the register.' };
      throw new TerminalError('timeout', 'The reader timed out waiting for a card.');
    }
    if (!api || !request.intent) {
      if (card === SIMULATED_CARDS.readerDisconnect) throw new TerminalError('reader_disconnected', 'The reader disconnected during the payment.');
      const decline = LOCAL_DECLINES[card];
      if (decline) return { kind: 'declined', ...decline };
      return { kind: 'authorized', cardBrand: 'visa', cardLast4: card.slice(-4) };
    }
    const tapped = card === SIMULATED_CARDS.readerDisconnect ? SIMULATED_CARDS.approved : card;
    let view;
    try {
      view = await api.process(request.paymentId, { readerId: connected.id, testCardNumber: tapped });
    } catch (error) {
      throw new TerminalError('network', `The payment could not be sent to the reader: ${(error as Error).message}`);
    }
    if (card === SIMULATED_CARDS.readerDisconnect) {
      reader = null;
      throw new TerminalError('reader_disconnected', 'The reader disconnected during the payment.');
    }
    if (view.status === 'authorized' || view.status === 'succeeded') return { kind: 'authorized', cardBrand: view.cardBrand, cardLast4: view.cardLast4 };
    if (view.status === 'failed') return { kind: 'declined', code: view.failureCode ?? 'card_declined', reason: view.failureReason ?? 'The card was declined.' };
    if (view.status === 'canceled') return { kind: 'canceled', reason: 'The payment was canceled.' };
    throw new TerminalError('timeout', 'The reader did not answer.');
  }

  return {
    kind: 'simulated',
    usesServer: api !== null,
    availability: async (): Promise<TerminalAvailability> => ({ available: true, reason: null }),
    connect,
    collect,
    async cancel() {
      canceled?.();
    },
    async disconnect() {
      reader = null;
    },
  };
}
