// What the preload exposes to the renderer as window.pos. Types only: the renderer may not
// import electron/, so it keeps its own copy of these declarations.

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
