// IPC channel names shared by main and preload.
export const APP_INFO_CHANNEL = 'pos:app-info';
export const PRINT_RECEIPT_CHANNEL = 'pos:print-receipt';
export const SAVE_RECEIPT_PDF_CHANNEL = 'pos:save-receipt-pdf';
export const OPEN_CASH_DRAWER_CHANNEL = 'pos:open-cash-drawer';
