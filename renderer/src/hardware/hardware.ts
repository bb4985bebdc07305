import type { HardwareResult, PrintOptions } from '../../../shared/bridge';

/**
 * The register's printer and cash drawer: through the Electron preload when there is one, the
 * browser's own print dialog otherwise (where "Save as PDF" is one of the printers).
 */
export function printOptions(storage: Pick<Storage, 'getItem'> = localStorage): PrintOptions {
  const deviceName = storage.getItem('pos.printer') ?? '';
  return { silent: storage.getItem('pos.printSilent') === '1', ...(deviceName ? { deviceName } : {}) };
}

export async function printReceipt(): Promise<HardwareResult> {
  if (window.pos) return window.pos.printReceipt(printOptions());
  window.print();
  return { ok: true };
}

export async function saveReceiptPdf(fileName: string): Promise<HardwareResult> {
  if (window.pos) return window.pos.saveReceiptPdf(fileName);
  window.print();
  return { ok: true, detail: 'Choose "Save as PDF" as the printer in the print dialog.' };
}

export async function openCashDrawer(): Promise<HardwareResult> {
  if (window.pos) return window.pos.openCashDrawer();
  return { ok: false, reason: 'This register runs in a browser, which cannot reach a cash drawer: open the drawer with its key.' };
}
