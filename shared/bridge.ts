/**
 * What the Electron preload exposes to the register as `window.pos`. Types only: electron/
 * implements it, renderer/ calls it, and in a plain browser it is absent.
 */
export interface PosAppInfo {
  name: string;
  version: string;
  /** process.platform of the register machine, e.g. "linux", "darwin", "win32". */
  platform: string;
  /** Electron version, e.g. "38.8.6". */
  electron: string;
  /** Origin of the sync server, e.g. "http://127.0.0.1:8787" (no trailing slash). */
  serverUrl: string;
}

export interface PosBridge {
  appInfo(): Promise<PosAppInfo>;
}
