// The preload against a fake `electron`: it exposes exactly the bridge, each call one IPC invoke.
import { describe, expect, it, vi } from 'vitest';
import type { PosBridge } from '../../shared/bridge';

const fake = vi.hoisted(() => ({ exposed: new Map<string, unknown>(), invoked: [] as unknown[][] }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      fake.invoked.push(args);
      return Promise.resolve({ ok: true });
    },
  },
}));

describe('electron preload', () => {
  it('exposes window.pos with app info, printing, PDF, the cash drawer and the device token, each over its own channel', async () => {
    await import('../../electron/preload');
    const pos = fake.exposed.get('pos') as PosBridge;
    expect(Object.keys(pos).sort()).toEqual(['appInfo', 'deviceToken', 'openCashDrawer', 'printReceipt', 'saveReceiptPdf', 'setDeviceToken']);
    await pos.appInfo();
    await pos.printReceipt({ silent: true });
    await pos.printReceipt();
    await pos.saveReceiptPdf('receipt-1');
    await pos.openCashDrawer();
    await pos.deviceToken();
    await pos.setDeviceToken('tok_1');
    expect(fake.invoked).toEqual([
      ['pos:app-info'],
      ['pos:print-receipt', { silent: true }],
      ['pos:print-receipt', {}],
      ['pos:save-receipt-pdf', 'receipt-1'],
      ['pos:open-cash-drawer'],
      ['pos:device-token-get'],
      ['pos:device-token-set', 'tok_1'],
    ]);
  });
});
