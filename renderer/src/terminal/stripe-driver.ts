import type { TerminalApi } from './api';
import { TerminalError, type CollectOutcome, type CollectRequest, type ConnectedReader, type TerminalAvailability, type TerminalDriver } from './driver';

/*
 * The part of Stripe Terminal JS this driver uses, typed here: the package's own declarations
 * import the server-side `stripe` v8 types, whose ambient declarations would clash with the
 * sync server's `stripe` in one TypeScript program.
 */
export interface ErrorResponse {
  error: { type?: string; code?: string; message: string; decline_code?: string };
}
export interface Reader {
  id: string;
  label?: string | null;
}
export interface Terminal {
  discoverReaders(config?: { simulated?: boolean; location?: string }): Promise<{ discoveredReaders: Reader[] } | ErrorResponse>;
  connectReader(reader: Reader): Promise<{ reader: Reader } | ErrorResponse>;
  collectPaymentMethod(clientSecret: string): Promise<{ paymentIntent: object } | ErrorResponse>;
  processPayment(paymentIntent: object): Promise<{ paymentIntent: object } | ErrorResponse>;
  cancelCollectPaymentMethod(): Promise<unknown>;
  disconnectReader(): Promise<unknown>;
}
export interface StripeTerminal {
  create(props: { onFetchConnectionToken: () => Promise<string>; onUnexpectedReaderDisconnect?: () => void }): Terminal;
}

export interface StripeDriverOptions {
  api: TerminalApi;
  /** This register's device id: the remembered reader is per register. */
  deviceId: string;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** Discover Stripe's simulated readers instead of real ones (test mode). */
  simulatedReaders?: boolean;
  /** Loads the SDK from js.stripe.com; tests pass their own. */
  load?: () => Promise<StripeTerminal | null>;
}

export const readerStorageKey = (deviceId: string) => `pos.terminal.reader.${deviceId}`;

function isError(result: object): result is ErrorResponse {
  return 'error' in result && Boolean((result as ErrorResponse).error);
}

/**
 * The Stripe Terminal JS driver. The SDK is loaded from Stripe at run time, so it needs the
 * internet; when it cannot load, availability() says why and the tender shows it. Connection
 * tokens come from the sync server (the secret key never reaches the register).
 */
export function createStripeDriver(options: StripeDriverOptions): TerminalDriver {
  // The SDK module injects Stripe's script when first imported: import it only when a card is wanted.
  const load = options.load ?? (async () => (await import('@stripe/terminal-js/dist/terminal.esm.js')).loadStripeTerminal() as Promise<StripeTerminal | null>);
  let sdk: Promise<StripeTerminal | null> | null = null;
  let terminal: Terminal | null = null;
  let connected: ConnectedReader | null = null;
  let onDisconnect: (() => void) | null = null;

  async function loadSdk(): Promise<StripeTerminal> {
    sdk ??= load().catch((error: unknown) => {
      sdk = null;
      throw new TerminalError('sdk_unavailable', `Card terminal unavailable: Stripe Terminal could not load (${(error as Error).message || 'no internet?'}).`);
    });
    const loaded = await sdk;
    if (!loaded) {
      sdk = null;
      throw new TerminalError('sdk_unavailable', 'Card terminal unavailable: Stripe Terminal cannot load here (no browser window or blocked by policy).');
    }
    return loaded;
  }

  async function ensureTerminal(): Promise<Terminal> {
    if (terminal) return terminal;
    const StripeTerminalSdk = await loadSdk();
    terminal = StripeTerminalSdk.create({
      onFetchConnectionToken: async () => (await options.api.connectionToken()).secret,
      onUnexpectedReaderDisconnect: () => {
        connected = null;
        onDisconnect?.();
      },
    });
    return terminal;
  }

  async function connect(): Promise<ConnectedReader> {
    if (connected) return connected;
    const term = await ensureTerminal();
    const discovered = await term.discoverReaders({ simulated: options.simulatedReaders ?? false });
    if (isError(discovered)) throw new TerminalError('no_reader', `No card reader found: ${discovered.error.message}`);
    const readers: Reader[] = discovered.discoveredReaders;
    if (!readers.length) throw new TerminalError('no_reader', 'No card reader found: check that it is on and on this network.');
    const key = readerStorageKey(options.deviceId);
    const remembered = options.storage?.getItem(key);
    const reader = readers.find((r) => r.id === remembered) ?? readers[0]!;
    const result = await term.connectReader(reader);
    if (isError(result)) throw new TerminalError('no_reader', `Could not connect to the reader: ${result.error.message}`);
    options.storage?.setItem(key, result.reader.id);
    connected = { id: result.reader.id, label: result.reader.label ?? null, simulated: options.simulatedReaders ?? false };
    return connected;
  }

  async function collect(request: CollectRequest): Promise<CollectOutcome> {
    const secret = request.intent?.clientSecret;
    if (!secret) throw new TerminalError('network', 'The server gave no PaymentIntent for this payment.');
    const term = await ensureTerminal();
    await connect();
    const dropped = new Promise<never>((_resolve, reject) => {
      onDisconnect = () => reject(new TerminalError('reader_disconnected', 'The reader disconnected during the payment.'));
    });
    dropped.catch(() => undefined);
    try {
      const collected = await Promise.race([term.collectPaymentMethod(secret), dropped]);
      if (isError(collected)) return failure(collected);
      const processed = await Promise.race([term.processPayment(collected.paymentIntent), dropped]);
      if (isError(processed)) return failure(processed);
      const charge = (processed.paymentIntent as { charges?: { data?: { payment_method_details?: { card_present?: { brand?: string; last4?: string } } }[] } }).charges?.data?.[0];
      const card = charge?.payment_method_details?.card_present;
      return { kind: 'authorized', cardBrand: card?.brand ?? null, cardLast4: card?.last4 ?? null };
    } finally {
      onDisconnect = null;
    }
  }

  return {
    kind: 'stripe',
    usesServer: true,
    async availability(): Promise<TerminalAvailability> {
      try {
        await loadSdk();
        return { available: true, reason: null };
      } catch (error) {
        return { available: false, reason: (error as Error).message };
      }
    },
    connect,
    collect,
    async cancel() {
      if (terminal) await terminal.cancelCollectPaymentMethod();
    },
    async disconnect() {
      if (terminal && connected) await terminal.disconnectReader();
      connected = null;
    },
  };
}

/** A declined card, a canceled collection, or an answer we cannot read (left to reconciliation). */
function failure(result: ErrorResponse): CollectOutcome {
  const { error } = result;
  if (error.code === 'canceled') return { kind: 'canceled', reason: 'Canceled at the register.' };
  if (error.decline_code || error.code === 'card_declined' || error.type === 'card_error') {
    return { kind: 'declined', code: error.decline_code ?? error.code ?? 'card_declined', reason: error.message };
  }
  throw new TerminalError('network', `The reader could not finish the payment: ${error.message}`);
}
