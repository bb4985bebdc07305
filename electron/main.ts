import { app, BrowserWindow, dialog, ipcMain, net, protocol, safeStorage, session, shell, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { REGISTER_CHROMIUM_SWITCHES } from './chromium-switches';
import { deviceSecrets, keychainIsPlainText, PLAIN_TEXT_KEYCHAIN_WARNING } from './device-secrets';
import { kickCashDrawer, parsePrinterTarget, pdfFileName, printOptionsFrom } from './hardware';
import { IPC } from './ipc';
import type { HardwareResult, PosAppInfo } from '../shared/bridge';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  buildContentSecurityPolicy,
  classifyNavigation,
  isAppUrl,
  isDeviceAllowed,
  isPermissionGranted,
  parseAllowedDevices,
  rendererFileFor,
  resolveServerOrigin,
} from './security';

// Built layout: dist/electron/main.js, dist/electron/preload.cjs, dist/renderer/index.html.
const preloadPath = fileURLToPath(new URL('./preload.cjs', import.meta.url));
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));

const serverUrl = resolveServerOrigin(process.env.POS_SERVER_URL);
const contentSecurityPolicy = buildContentSecurityPolicy(serverUrl);
// The receipt printer the drawer hangs off (ESC/POS), and the system printer receipts go to.
const printerTarget = parsePrinterTarget(process.env.POS_RECEIPT_PRINTER);
const receiptDevices = parseAllowedDevices(process.env.POS_RECEIPT_DEVICES);
const printDefaults = {
  silent: process.env.POS_PRINT_SILENT === '1',
  ...(process.env.POS_PRINTER_NAME ? { deviceName: process.env.POS_PRINTER_NAME } : {}),
};

for (const [name, value] of REGISTER_CHROMIUM_SWITCHES) app.commandLine.appendSwitch(name, value);

// The renderer is served from app://register rather than file://: a CSP set in
// onHeadersReceived never reaches file:// documents, and file:// pages share one origin with
// every other local file.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

async function serveRendererFile(request: Request): Promise<Response> {
  const file = rendererFileFor(rendererDir, request.url);
  if (file === null) return new Response('Not found', { status: 404 });
  let response: Response;
  try {
    response = await net.fetch(pathToFileURL(file).href);
  } catch {
    return new Response('Not found', { status: 404 });
  }
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', contentSecurityPolicy);
  headers.set('X-Content-Type-Options', 'nosniff');
  return new Response(response.body, { status: response.status, headers });
}

function lockDown(contents: WebContents): void {
  const leave = (url: string): void => {
    const target = classifyNavigation(url);
    if (target.kind === 'external') void shell.openExternal(target.url);
  };
  contents.on('will-navigate', (event) => {
    if (classifyNavigation(event.url).kind !== 'app') {
      event.preventDefault();
      leave(event.url);
    }
  });
  contents.on('will-redirect', (event) => {
    if (classifyNavigation(event.url).kind !== 'app') event.preventDefault();
  });
  // A second window would be a second owner of the database, so in-app targets are denied too.
  contents.setWindowOpenHandler(({ url }) => {
    leave(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function configureSession(): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] },
    });
  });
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin),
  );
  // WebUSB / Web Serial: the receipt printer's and drawer's devices, nothing else.
  ses.setDevicePermissionHandler((details) => isDeviceAllowed(details, receiptDevices));
  ses.protocol.handle(APP_SCHEME, serveRendererFile);
}

/** IPC answers only the app's own page, never a frame from anywhere else. */
function fromApp(event: IpcMainInvokeEvent, what: string): void {
  const frameUrl = event.senderFrame?.url ?? '';
  if (!isAppUrl(frameUrl)) throw new Error(`${what} refused to ${JSON.stringify(frameUrl)}`);
}

function printPage(contents: WebContents, options: Electron.WebContentsPrintOptions): Promise<HardwareResult> {
  return new Promise((resolve) => {
    contents.print({ ...options, printBackground: false }, (success, failureReason) =>
      resolve(success ? { ok: true } : { ok: false, reason: `The receipt was not printed: ${failureReason || 'cancelled'}.` }),
    );
  });
}

async function savePdf(contents: WebContents, fileName: string): Promise<HardwareResult> {
  const window = BrowserWindow.fromWebContents(contents);
  const options = { defaultPath: join(app.getPath('documents'), fileName), filters: [{ name: 'PDF', extensions: ['pdf'] }] };
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { ok: false, reason: 'Saving the PDF was cancelled.' };
  const pdf = await contents.printToPDF({ printBackground: false, pageSize: 'A5' });
  await writeFile(choice.filePath, pdf);
  return { ok: true, detail: choice.filePath };
}

function registerIpc(): void {
  const secrets = deviceSecrets(safeStorage, join(app.getPath('userData'), 'device-token.bin'));
  if (keychainIsPlainText(safeStorage, process.platform)) console.warn(PLAIN_TEXT_KEYCHAIN_WARNING);
  ipcMain.handle(IPC.appInfo, (event): PosAppInfo => {
    fromApp(event, 'app info');
    return {
      name: app.getName(),
      version: app.getVersion(),
      platform: process.platform,
      electron: process.versions.electron,
      serverUrl,
    };
  });
  ipcMain.handle(IPC.printReceipt, (event, options: unknown) => {
    fromApp(event, 'printing');
    return printPage(event.sender, printOptionsFrom(options, printDefaults));
  });
  ipcMain.handle(IPC.saveReceiptPdf, (event, fileName: unknown) => {
    fromApp(event, 'saving a PDF');
    return savePdf(event.sender, pdfFileName(fileName));
  });
  ipcMain.handle(IPC.openCashDrawer, (event) => {
    fromApp(event, 'opening the cash drawer');
    return kickCashDrawer(printerTarget);
  });
  ipcMain.handle(IPC.deviceTokenGet, (event) => {
    fromApp(event, 'the device token');
    return secrets.getToken();
  });
  ipcMain.handle(IPC.deviceTokenSet, (event, token: unknown) => {
    fromApp(event, 'keeping the device token');
    return secrets.setToken(token);
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Front Desk POS',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    configureSession();
    registerIpc();
    mainWindow = createWindow();
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  });
}
