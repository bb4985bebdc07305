// The main process wired against a fake `electron` module: the real binary cannot run in tests.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

interface FakeContents {
  listeners: Map<string, Listener>;
  openHandler: Listener | null;
  on(event: string, listener: Listener): void;
  setWindowOpenHandler(handler: Listener): void;
}

const fake = vi.hoisted(() => {
  const state = {
    gotLock: true,
    appListeners: new Map<string, Listener>(),
    windows: [] as { options: Record<string, unknown>; loaded: string[] }[],
    ipcHandlers: new Map<string, Listener>(),
    headersListener: null as Listener | null,
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    devicePermission: null as Listener | null,
    protocolHandler: null as ((request: Request) => Promise<Response>) | null,
    privileged: [] as unknown[],
    switches: [] as [string, string][],
    opened: [] as string[],
    quit: 0,
    fetch: null as unknown as (url: string) => Promise<Response>,
    saveChoice: { canceled: false, filePath: '' as string | undefined },
    userData: '/home/desk/.config/Front Desk POS',
  };
  class BrowserWindow {
    options: Record<string, unknown>;
    loaded: string[] = [];
    constructor(options: Record<string, unknown>) {
      this.options = options;
      state.windows.push(this);
    }
    once(): void {}
    on(): void {}
    loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      return Promise.resolve();
    }
  }
  const electron = {
    app: {
      requestSingleInstanceLock: () => state.gotLock,
      quit: () => {
        state.quit += 1;
      },
      on: (event: string, listener: Listener) => state.appListeners.set(event, listener),
      whenReady: () => Promise.resolve(),
      getName: () => 'Front Desk POS',
      getVersion: () => '0.1.0',
      getPath: (name: string) => (name === 'userData' ? state.userData : '/home/desk/Documents'),
      commandLine: { appendSwitch: (name: string, value: string) => state.switches.push([name, value]) },
    },
    BrowserWindow: Object.assign(BrowserWindow, { fromWebContents: () => null }),
    dialog: { showSaveDialog: (options: unknown) => Promise.resolve({ ...state.saveChoice, options }) },
    ipcMain: { handle: (channel: string, handler: Listener) => state.ipcHandlers.set(channel, handler) },
    net: { fetch: (url: string) => state.fetch(url) },
    protocol: { registerSchemesAsPrivileged: (schemes: unknown[]) => state.privileged.push(...schemes) },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (listener: Listener) => (state.headersListener = listener) },
        setPermissionRequestHandler: (handler: Listener) => (state.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Listener) => (state.permissionCheck = handler),
        setDevicePermissionHandler: (handler: Listener) => (state.devicePermission = handler),
        protocol: { handle: (_scheme: string, handler: (request: Request) => Promise<Response>) => (state.protocolHandler = handler) },
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from(text).reverse(),
      decryptString: (sealed: Buffer) => Buffer.from(sealed).reverse().toString(),
    },
    shell: {
      openExternal: (url: string) => {
        state.opened.push(url);
        return Promise.resolve();
      },
    },
  };
  return { state, electron };
});

vi.mock('electron', () => fake.electron);

const { state } = fake;

async function startMain(serverUrl?: string): Promise<void> {
  if (serverUrl === undefined) delete process.env.POS_SERVER_URL;
  else process.env.POS_SERVER_URL = serverUrl;
  await import('../../electron/main');
  await new Promise((resolve) => setImmediate(resolve));
}

function newContents(): FakeContents {
  const contents: FakeContents = {
    listeners: new Map(),
    openHandler: null,
    on(event, listener) {
      contents.listeners.set(event, listener);
    },
    setWindowOpenHandler(handler) {
      contents.openHandler = handler;
    },
  };
  state.appListeners.get('web-contents-created')?.({}, contents);
  return contents;
}

function navigate(contents: FakeContents, event: string, url: string): boolean {
  let prevented = false;
  contents.listeners.get(event)?.({ url, preventDefault: () => (prevented = true) });
  return prevented;
}

const savedServerUrl = process.env.POS_SERVER_URL;

beforeEach(() => {
  vi.resetModules();
  Object.assign(state, {
    gotLock: true,
    windows: [],
    headersListener: null,
    permissionRequest: null,
    permissionCheck: null,
    devicePermission: null,
    protocolHandler: null,
    privileged: [],
    switches: [],
    opened: [],
    quit: 0,
  });
  state.appListeners.clear();
  state.ipcHandlers.clear();
});

afterEach(() => {
  if (savedServerUrl === undefined) delete process.env.POS_SERVER_URL;
  else process.env.POS_SERVER_URL = savedServerUrl;
});

describe('electron main', () => {
  it('lets database callbacks run right after a key press instead of after the next frame', async () => {
    await startMain();
    expect(state.switches).toContainEqual(['disable-features', 'DeferRendererTasksAfterInput']);
  });

  it('opens one isolated, sandboxed window on the app origin', async () => {
    await startMain();
    expect(state.windows).toHaveLength(1);
    const window = state.windows[0]!;
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      webviewTag: false,
    });
    expect(String((window.options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect(window.loaded).toEqual(['app://register/index.html']);
    expect(state.privileged).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
  });

  it('leaves a second instance to the first one', async () => {
    state.gotLock = false;
    await startMain();
    expect(state.quit).toBe(1);
    expect(state.windows).toHaveLength(0);
    expect(state.appListeners.has('web-contents-created')).toBe(false);
  });

  it('refuses to start on a garbage POS_SERVER_URL', async () => {
    await expect(startMain('ftp://server')).rejects.toThrow('http or https');
  });

  it('puts the CSP with the configured server on every response', async () => {
    await startMain('https://pos.example.com');
    let headers: Record<string, string[]> = {};
    state.headersListener?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, (response: { responseHeaders: Record<string, string[]> }) => {
      headers = response.responseHeaders;
    });
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(headers['Content-Security-Policy']?.[0]).toContain("connect-src 'self' https://pos.example.com");
  });

  it('serves renderer files with the CSP and nothing outside the renderer', async () => {
    const fetched: string[] = [];
    state.fetch = (url) => {
      fetched.push(url);
      return Promise.resolve(new Response('<html></html>', { headers: { 'Content-Type': 'text/html' } }));
    };
    await startMain();
    const handler = state.protocolHandler!;
    const ok = await handler(new Request('app://register/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Content-Type')).toBe('text/html');
    expect(ok.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expect(await ok.text()).toBe('<html></html>');
    expect(fetched).toHaveLength(1);
    expect(fetched[0]).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);

    const escape = await handler(new Request('app://register/..%2f..%2fpackage.json'));
    expect(escape.status).toBe(404);
    expect(fetched).toHaveLength(1);

    state.fetch = () => Promise.reject(new Error('net::ERR_FILE_NOT_FOUND'));
    expect((await handler(new Request('app://register/missing.js'))).status).toBe(404);
  });

  it('keeps navigation in the app and sends only https to the system browser', async () => {
    await startMain();
    const contents = newContents();
    expect(navigate(contents, 'will-navigate', 'app://register/index.html#/sale')).toBe(false);
    expect(navigate(contents, 'will-navigate', 'https://stripe.com/')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'http://example.com/')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate(contents, 'will-redirect', 'https://evil.example/')).toBe(true);
    expect(navigate(contents, 'will-attach-webview', 'app://register/')).toBe(true);
    expect(state.opened).toEqual(['https://stripe.com/']);
  });

  it('never opens a second window', async () => {
    await startMain();
    const contents = newContents();
    for (const url of ['app://register/index.html', 'https://stripe.com/', 'javascript:alert(1)']) {
      expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(state.opened).toEqual(['https://stripe.com/']);
  });

  it('routes permission requests and checks through the allow-list', async () => {
    await startMain();
    const answers: boolean[] = [];
    const request = (permission: string, requestingUrl: string) =>
      state.permissionRequest?.({}, permission, (granted: boolean) => answers.push(granted), { requestingUrl });
    request('media', 'app://register/index.html');
    request('clipboard-sanitized-write', 'app://register/index.html');
    request('clipboard-sanitized-write', 'https://evil.example/');
    expect(answers).toEqual([false, true, false]);
    expect(state.permissionCheck?.({}, 'geolocation', 'app://register')).toBe(false);
    expect(state.permissionCheck?.({}, 'clipboard-sanitized-write', 'app://register')).toBe(true);
  });

  it("lets the page reach only the receipt printer's and drawer's devices (POS_RECEIPT_DEVICES)", async () => {
    process.env.POS_RECEIPT_DEVICES = '04b8:0202';
    try {
      await startMain();
    } finally {
      delete process.env.POS_RECEIPT_DEVICES;
    }
    const ask = (deviceType: string, origin: string, vendorId: number | string, productId: number | string) =>
      state.devicePermission?.({ deviceType, origin, device: { vendorId, productId } });
    expect(ask('usb', 'app://register', 0x04b8, 0x0202)).toBe(true);
    expect(ask('serial', 'app://register', '04b8', '0202')).toBe(true);
    expect(ask('usb', 'app://register', 0x046d, 0xc52b)).toBe(false);
    expect(ask('hid', 'app://register', 0x04b8, 0x0202)).toBe(false);
    expect(ask('usb', 'https://evil.example', 0x04b8, 0x0202)).toBe(false);
  });

  it('answers app info to the app frame only, with the server origin', async () => {
    await startMain('http://10.0.0.5:9000/');
    const handler = state.ipcHandlers.get('pos:app-info')!;
    expect(handler({ senderFrame: { url: 'app://register/index.html' } })).toMatchObject({
      name: 'Front Desk POS',
      version: '0.1.0',
      platform: process.platform,
      serverUrl: 'http://10.0.0.5:9000',
    });
    expect(() => handler({ senderFrame: { url: 'https://evil.example/' } })).toThrow('refused');
    expect(() => handler({ senderFrame: null })).toThrow('refused');
  });

  const appFrame = { url: 'app://register/index.html' };
  const evilFrame = { url: 'https://evil.example/' };

  it('prints the receipt to the chosen printer, from the app frame only, with only the allowed options', async () => {
    delete process.env.POS_PRINTER_NAME;
    await startMain();
    const handler = state.ipcHandlers.get('pos:print-receipt')!;
    const printed: unknown[] = [];
    const sender = {
      print: (options: unknown, done: (ok: boolean, why: string) => void) => {
        printed.push(options);
        done(printed.length === 1, 'Printer is out of paper');
      },
    };
    expect(await handler({ senderFrame: appFrame, sender }, { silent: true, deviceName: 'Star TSP100', landscape: true })).toEqual({ ok: true });
    expect(printed[0]).toEqual({ silent: true, deviceName: 'Star TSP100', printBackground: false });
    expect(await handler({ senderFrame: appFrame, sender }, {})).toEqual({ ok: false, reason: 'The receipt was not printed: Printer is out of paper.' });
    expect(() => handler({ senderFrame: evilFrame, sender }, {})).toThrow('printing refused');
    expect(printed).toHaveLength(2);
  });

  it('saves the receipt as a PDF where the user chooses', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'pos-pdf-')), 'r.pdf');
    state.saveChoice = { canceled: false, filePath: file };
    await startMain();
    const handler = state.ipcHandlers.get('pos:save-receipt-pdf')!;
    const sender = { printToPDF: () => Promise.resolve(Buffer.from('%PDF-1.7 receipt')) };
    expect(await handler({ senderFrame: appFrame, sender }, '../receipt C3A1-0007')).toEqual({ ok: true, detail: file });
    expect(readFileSync(file, 'utf8')).toBe('%PDF-1.7 receipt');
    state.saveChoice = { canceled: true, filePath: undefined };
    expect(await handler({ senderFrame: appFrame, sender }, 'x')).toEqual({ ok: false, reason: 'Saving the PDF was cancelled.' });
    expect(() => handler({ senderFrame: evilFrame, sender }, 'x')).toThrow('refused');
  });

  it('opens the cash drawer only for the app frame, and says why it cannot without a printer', async () => {
    delete process.env.POS_RECEIPT_PRINTER;
    await startMain();
    const handler = state.ipcHandlers.get('pos:open-cash-drawer')!;
    expect(await handler({ senderFrame: appFrame })).toMatchObject({ ok: false, reason: expect.stringContaining('POS_RECEIPT_PRINTER') });
    expect(() => handler({ senderFrame: evilFrame })).toThrow('opening the cash drawer refused');
  });

  it('keeps the device token encrypted in the user data folder, for the app frame only', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    state.userData = mkdtempSync(join(tmpdir(), 'pos-user-'));
    await startMain();
    const get = state.ipcHandlers.get('pos:device-token-get')!;
    const set = state.ipcHandlers.get('pos:device-token-set')!;
    expect(await get({ senderFrame: appFrame })).toBeNull();
    await set({ senderFrame: appFrame }, 'tok_register_1');
    expect(readFileSync(join(state.userData, 'device-token.bin'), 'utf8')).toBe('1_retsiger_kot');
    expect(await get({ senderFrame: appFrame })).toBe('tok_register_1');
    expect(() => get({ senderFrame: evilFrame })).toThrow('the device token refused');
    expect(() => set({ senderFrame: evilFrame }, 'tok_evil')).toThrow('keeping the device token refused');
  });
});
