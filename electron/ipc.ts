// IPC channel names shared by main and preload.
export const IPC = {
  appInfo: 'pos:app-info',
  printReceipt: 'pos:print-receipt',
  saveReceiptPdf: 'pos:save-receipt-pdf',
  openCashDrawer: 'pos:open-cash-drawer',
  deviceTokenGet: 'pos:device-token-get',
  deviceTokenSet: 'pos:device-token-set',
} as const;
