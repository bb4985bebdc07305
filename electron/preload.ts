import { contextBridge, ipcRenderer } from 'electron';
import { IPC } from './ipc';
import type { HardwareResult, PosAppInfo, PosBridge, PrintOptions } from '../shared/bridge';

const api: PosBridge = {
  appInfo: () => ipcRenderer.invoke(IPC.appInfo) as Promise<PosAppInfo>,
  printReceipt: (options?: PrintOptions) => ipcRenderer.invoke(IPC.printReceipt, options ?? {}) as Promise<HardwareResult>,
  saveReceiptPdf: (fileName: string) => ipcRenderer.invoke(IPC.saveReceiptPdf, fileName) as Promise<HardwareResult>,
  openCashDrawer: () => ipcRenderer.invoke(IPC.openCashDrawer) as Promise<HardwareResult>,
  deviceToken: () => ipcRenderer.invoke(IPC.deviceTokenGet) as Promise<string | null>,
  setDeviceToken: (token: string | null) => ipcRenderer.invoke(IPC.deviceTokenSet, token) as Promise<void>,
};

contextBridge.exposeInMainWorld('pos', api);
