import type { TerminalStatusBody } from '../../../shared/terminal';
import type { TerminalAvailability } from './driver';

export const OFFLINE_REASON = 'Card terminal needs the internet: take cash or use the external card machine.';

export interface TerminalTenderState {
  enabled: boolean;
  /** One line for the cashier when disabled; null when enabled. */
  reason: string | null;
  /** Tenders to offer instead. */
  alternatives: readonly ('CASH' | 'CARD_EXTERNAL')[];
}

/**
 * Whether the CARD_TERMINAL tender can be used now. Stripe Terminal JS cannot take cards
 * offline, so offline it is disabled with a one-line reason and cash or an external card
 * machine are offered. The demo's local simulated reader behaves as a real one does: a
 * receptionist trying the demo learns the register as it will be.
 */
export function terminalTenderState(input: {
  online: boolean;
  /** The driver needs the server and Stripe (Stripe driver; simulated driver through the server). */
  usesServer: boolean;
  /** GET /terminal/status, or null when not asked yet / not reachable. */
  server: TerminalStatusBody | null;
  driver: TerminalAvailability | null;
}): TerminalTenderState {
  const disabled = (reason: string): TerminalTenderState => ({ enabled: false, reason, alternatives: ['CASH', 'CARD_EXTERNAL'] });
  if (!input.online) return disabled(OFFLINE_REASON);
  if (input.usesServer && input.server && !input.server.available) return disabled(input.server.reason ?? 'Card terminal unavailable on this server.');
  if (input.driver && !input.driver.available) return disabled(input.driver.reason);
  return { enabled: true, reason: null, alternatives: [] };
}
