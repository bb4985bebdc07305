import { contextBridge, ipcRenderer } from 'electron';
import { APP_INFO_CHANNEL } from './ipc';
import type { PosAppInfo, PosBridge } from '../shared/bridge';

const api: PosBridge = {
  appInfo: () => ipcRenderer.invoke(APP_INFO_CHANNEL) as Promise<PosAppInfo>,
};

contextBridge.exposeInMainWorld('pos', api);
