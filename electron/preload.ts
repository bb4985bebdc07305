import { contextBridge, ipcRenderer } from 'electron';
import { APP_INFO_CHANNEL, OPEN_CASH_DRAWER_CHANNEL, PRINT_RECEIPT_CHANNEL, SAVE_RECEIPT_PDF_CHANNEL } from './ipc';
import type { HardwareResult, PosAppInfo, PosBridge, PrintOptions } from '../shared/bridge';

const api: PosBridge = {
  appInfo: () => ipcRenderer.invoke(APP_INFO_CHANNEL) as Promise<PosAppInfo>,
  printReceipt: (options?: PrintOptions) => ipcRenderer.invoke(PRINT_RECEIPT_CHANNEL, options ?? {}) as Promise<HardwareResult>,
  saveReceiptPdf: (fileName: string) => ipcRenderer.invoke(SAVE_RECEIPT_PDF_CHANNEL, fileName) as Promise<HardwareResult>,
  openCashDrawer: () => ipcRenderer.invoke(OPEN_CASH_DRAWER_CHANNEL) as Promise<HardwareResult>,
};

contextBridge.exposeInMainWorld('pos', api);
