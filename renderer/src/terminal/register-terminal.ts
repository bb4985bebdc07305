import type { TerminalStatusBody } from '../../../shared/terminal';
import type { RegisterDatabase } from '../db/database';
import type { Pairing } from '../pairing/pairing-store';
import { apiUrl } from '../sync/http';
import { createTerminalApi, type TerminalApi } from './api';
import type { TerminalAvailability, TerminalDriver } from './driver';
import { chooseTerminalDriver } from './index';
import { startTerminalReconciler, type AuthorizedDecision, type ReconcileDeps, type TerminalReconciler } from './reconcile';

/**
 * The card terminal of one open register: the server's terminal routes, the driver (chosen once
 * the server has answered), and the reconciler that settles every pending terminal payment on
 * start and on every reconnect.
 */
export interface RegisterTerminal {
  api: TerminalApi;
  /** The driver, once the server said whether it has Stripe; rejects while it cannot be asked. */
  resolve(): Promise<ResolvedTerminal>;
  reconcileDeps: ReconcileDeps;
  reconciler: TerminalReconciler;
  close(): void;
}

export interface ResolvedTerminal {
  driver: TerminalDriver;
  server: TerminalStatusBody;
  availability: TerminalAvailability;
  /** The simulated reader (demo business, tests): the checkout offers its test cards. */
  simulated: boolean;
}

/** The demo business (GET /demo names it) uses the simulated reader; every other business uses Stripe Terminal. */
async function isDemoBusiness(pairing: Pairing): Promise<boolean> {
  const response = await fetch(apiUrl(pairing.serverUrl, '/demo'));
  if (response.status === 404) return false;
  if (!response.ok) throw new Error(`The server answered ${response.status}.`);
  return ((await response.json()) as { tenantId?: string }).tenantId === pairing.tenantId;
}

/** The order id of the sale on screen, from the register's saved cart (checkout/cart-persistence). */
async function orderOnScreen(db: Pick<RegisterDatabase, 'getLocal'>): Promise<string | null> {
  const saved = await db.getLocal<{ cart?: { orderId?: string; tenders?: unknown[]; lines?: unknown[] } }>('cart');
  const cart = (saved?.toJSON().data as { cart?: { orderId?: string; lines?: unknown[] } } | undefined)?.cart;
  return cart?.orderId && cart.lines?.length ? cart.orderId : null;
}

/**
 * An authorized, uncaptured intent is captured when its sale is still on screen (the register
 * restarted mid-payment: the customer's card was approved for this very sale), and canceled
 * otherwise (the sale was abandoned): one sale is never charged twice, an abandoned one never.
 */
export async function decideForSaleOnScreen(db: Pick<RegisterDatabase, 'getLocal'>, orderId: string): Promise<AuthorizedDecision> {
  return (await orderOnScreen(db)) === orderId ? 'capture' : 'cancel';
}

export function openRegisterTerminal(db: RegisterDatabase, pairing: Pairing): RegisterTerminal {
  const api = createTerminalApi({ serverUrl: pairing.serverUrl, token: pairing.token, tenantId: pairing.tenantId });
  let chosen: Promise<{ driver: TerminalDriver; server: TerminalStatusBody; simulated: boolean }> | null = null;
  const choose = () => {
    chosen ??= Promise.all([api.status(), isDemoBusiness(pairing)]).then(
      ([server, simulated]) => ({ driver: chooseTerminalDriver({ simulated, api, deviceId: pairing.deviceId, server }), server, simulated }),
      (error: unknown) => {
        chosen = null; // not reachable now: ask again next time
        throw error;
      },
    );
    return chosen;
  };
  const reconcileDeps: ReconcileDeps = { db, api, deviceId: pairing.deviceId, decide: (pending) => decideForSaleOnScreen(db, pending.orderId) };
  const reconciler = startTerminalReconciler(reconcileDeps);
  // Ask the server now, while the register is likely online: the local simulated reader (demo) then works offline too.
  void choose().catch(() => undefined);
  return {
    api,
    async resolve() {
      const { driver, server, simulated } = await choose();
      return { driver, server, simulated, availability: await driver.availability() };
    },
    reconcileDeps,
    reconciler,
    close() {
      reconciler.stop();
      void chosen?.then(({ driver }) => driver.disconnect()).catch(() => undefined);
    },
  };
}
