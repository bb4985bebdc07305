// Security decisions of the main process, kept free of Electron imports so they run under Vitest.
import path from 'node:path';
import { registerCspDirectives } from '../shared/content-security';

export const APP_SCHEME = 'app';
const APP_HOST = 'register';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

/**
 * The sync server origin from POS_SERVER_URL, or the default. Only a bare http(s) origin is
 * accepted: it goes into the CSP and to the renderer, so anything else is a configuration error.
 */
export function resolveServerOrigin(value: string | undefined): string {
  const raw = value === undefined || value.trim() === '' ? DEFAULT_SERVER_URL : value.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`POS_SERVER_URL is not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`POS_SERVER_URL must be http or https, got ${JSON.stringify(raw)}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new Error('POS_SERVER_URL must not carry credentials');
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new Error(`POS_SERVER_URL must be an origin without a path, got ${JSON.stringify(raw)}`);
  }
  return url.origin;
}

export { STRIPE_TERMINAL_CONNECT, STRIPE_TERMINAL_SCRIPT } from '../shared/content-security';

export function buildContentSecurityPolicy(serverOrigin: string): string {
  return Object.entries(registerCspDirectives([serverOrigin])).map(([name, values]) => [name, ...values].join(' ')).join('; ');
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

// Node's URL gives a non-special scheme an opaque origin, so compare scheme and host instead.
function isApp(url: URL): boolean {
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
}

export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && isApp(parsed);
}

/**
 * Where a navigation or window.open target may go: stay in the app, leave for the system
 * browser (https only), or nowhere.
 */
export type NavigationTarget = { kind: 'app' } | { kind: 'external'; url: string } | { kind: 'blocked' };

export function classifyNavigation(target: string): NavigationTarget {
  const url = parse(target);
  if (url === null) return { kind: 'blocked' };
  if (isApp(url)) return { kind: 'app' };
  if (url.protocol === 'https:' && url.username === '' && url.password === '') return { kind: 'external', url: url.href };
  return { kind: 'blocked' };
}

const GRANTED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

export function isPermissionGranted(permission: string, requestingUrl: string): boolean {
  return GRANTED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

/** A USB or serial device by its vendor and product ids. */
export interface DeviceId {
  vendorId: number;
  productId: number;
}

const hex4 = /^[0-9a-f]{4}$/i;

/**
 * The receipt printer's and cash drawer's devices from POS_RECEIPT_DEVICES: comma-separated
 * `vendor:product` USB ids in hex (`04b8:0202,0519:0001`, as `lsusb` prints them). Unset: none.
 */
export function parseAllowedDevices(value: string | undefined): DeviceId[] {
  const entries = (value ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  return entries.map((entry) => {
    const [vendor = '', product = '', ...rest] = entry.split(':');
    if (!hex4.test(vendor) || !hex4.test(product) || rest.length) throw new Error(`POS_RECEIPT_DEVICES takes vendor:product hex ids such as 04b8:0202, got ${JSON.stringify(entry)}`);
    return { vendorId: parseInt(vendor, 16), productId: parseInt(product, 16) };
  });
}

/** What Electron's setDevicePermissionHandler asks about; serial ports give their ids as hex strings. */
export interface DevicePermissionRequest {
  deviceType: string;
  origin: string;
  device: { vendorId?: number | string; productId?: number | string };
}

const idOf = (value: number | string | undefined): number | null =>
  typeof value === 'number' ? value : typeof value === 'string' && /^[0-9a-f]{1,4}$/i.test(value) ? parseInt(value, 16) : null;

/** Only the app's page, and only the receipt printer's and drawer's USB or serial devices; no HID, nothing else. */
export function isDeviceAllowed(request: DevicePermissionRequest, allowed: readonly DeviceId[]): boolean {
  if (request.deviceType !== 'usb' && request.deviceType !== 'serial') return false;
  if (!isAppUrl(request.origin)) return false;
  const vendorId = idOf(request.device.vendorId);
  const productId = idOf(request.device.productId);
  return allowed.some((d) => d.vendorId === vendorId && d.productId === productId);
}

/** The file under rendererDir that an app:// request names, or null when it names none. */
export function rendererFileFor(rendererDir: string, requestUrl: string): string | null {
  const url = parse(requestUrl);
  if (url === null || !isApp(url)) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  if (relative === '/') relative = '/index.html';
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${relative}`);
  return file.startsWith(root + path.sep) ? file : null;
}
