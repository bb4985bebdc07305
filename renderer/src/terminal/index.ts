export * from './api';
export * from './driver';
export * from './reconcile';
export * from './simulated-driver';
export * from './stripe-driver';
export * from './tender-state';
export * from './terminal-payment';

import type { TerminalStatusBody } from '../../../shared/terminal';
import type { TerminalApi } from './api';
import type { TerminalDriver } from './driver';
import { createSimulatedDriver } from './simulated-driver';
import { createStripeDriver } from './stripe-driver';

/**
 * The driver for this register: the simulated reader in the demo and tests (through the
 * server's Stripe test mode when it has a key, else purely local), Stripe Terminal otherwise.
 */
export function chooseTerminalDriver(options: {
  simulated: boolean;
  api: TerminalApi;
  deviceId: string;
  server: TerminalStatusBody | null;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
}): TerminalDriver {
  const storage = options.storage ?? (typeof localStorage === 'undefined' ? null : localStorage);
  if (options.simulated) {
    return createSimulatedDriver({ api: options.server?.available ? options.api : null, storage, storageKey: `pos.terminal.simulatedReader.${options.deviceId}`, delayMs: 800 });
  }
  return createStripeDriver({ api: options.api, deviceId: options.deviceId, storage });
}
