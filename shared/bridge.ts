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

export interface PrintOptions {
  /** Print without the system dialog. */
  silent?: boolean;
  /** The system printer to use; the default printer when absent. */
  deviceName?: string;
}

/** What a hardware request did; `reason` says in one sentence why it did not. */
export type HardwareResult = { ok: true; detail?: string } | { ok: false; reason: string };

export interface PosBridge {
  appInfo(): Promise<PosAppInfo>;
  /** Prints the page as it is now (the receipt's print styles hide the rest). */
  printReceipt(options?: PrintOptions): Promise<HardwareResult>;
  /** Saves the page as it is now as a PDF, asking where; `detail` is the file written. */
  saveReceiptPdf(fileName: string): Promise<HardwareResult>;
  /** Kicks the cash drawer attached to the receipt printer (ESC/POS). */
  openCashDrawer(): Promise<HardwareResult>;
  /** The register's device token, kept encrypted by the OS keychain (safeStorage); null when none. */
  deviceToken(): Promise<string | null>;
  /** Keeps the device token (null forgets it); rejects when the machine has no keychain. */
  setDeviceToken(token: string | null): Promise<void>;
}
