// Receipt printer and cash drawer, kept free of Electron imports so they run under Vitest.
import { open } from 'node:fs/promises';
import { connect } from 'node:net';
import type { HardwareResult, PrintOptions } from '../shared/bridge';

/** ESC p 0 25 250: pulse drawer pin 2 for 50 ms on, 500 ms off (the common ESC/POS kick). */
export const DRAWER_KICK = Uint8Array.from([0x1b, 0x70, 0x00, 0x19, 0xfa]);

export type PrinterTarget = { kind: 'tcp'; host: string; port: number } | { kind: 'device'; path: string };

/**
 * Where the receipt printer (and the drawer cabled to it) is, from POS_RECEIPT_PRINTER:
 * `tcp://192.168.1.50:9100` for a network printer (raw port 9100 by default), or a device
 * path such as `/dev/usb/lp0` or `\\.\COM3`. Unset: no printer; anything else is an error.
 */
export function parsePrinterTarget(value: string | undefined): PrinterTarget | null {
  const raw = value?.trim();
  if (!raw) return null;
  if (raw.startsWith('tcp://')) {
    const url = new URL(raw);
    const port = url.port ? Number(url.port) : 9100;
    if (!url.hostname || url.pathname.replace(/\/$/, '') !== '') throw new Error(`POS_RECEIPT_PRINTER must be tcp://host:port, got ${JSON.stringify(raw)}`);
    return { kind: 'tcp', host: url.hostname.replace(/^\[|\]$/g, ''), port };
  }
  if (raw.startsWith('/') || raw.startsWith('\\\\.\\')) return { kind: 'device', path: raw };
  throw new Error(`POS_RECEIPT_PRINTER must be tcp://host:port or a device path, got ${JSON.stringify(raw)}`);
}

function sendTcp(target: { host: string; port: number }, bytes: Uint8Array, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.host, port: target.port });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer from ${target.host}:${target.port} in ${timeoutMs} ms`)));
    socket.once('error', reject);
    socket.once('connect', () => socket.end(bytes, () => resolve()));
  });
}

async function sendDevice(path: string, bytes: Uint8Array): Promise<void> {
  const file = await open(path, 'w');
  try {
    await file.write(bytes);
  } finally {
    await file.close();
  }
}

export async function kickCashDrawer(target: PrinterTarget | null, timeoutMs = 3000): Promise<HardwareResult> {
  if (target === null) {
    return { ok: false, reason: 'No receipt printer is configured (POS_RECEIPT_PRINTER), so the drawer cannot be opened from here: use its key.' };
  }
  try {
    if (target.kind === 'tcp') await sendTcp(target, DRAWER_KICK, timeoutMs);
    else await sendDevice(target.path, DRAWER_KICK);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `The cash drawer did not open: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Only the two print options the register may choose; anything else from the page is dropped. */
export function printOptionsFrom(value: unknown, defaults: PrintOptions = {}): PrintOptions {
  const given = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const options: PrintOptions = { ...defaults };
  if (typeof given.silent === 'boolean') options.silent = given.silent;
  if (typeof given.deviceName === 'string' && given.deviceName.length > 0 && given.deviceName.length <= 200) options.deviceName = given.deviceName;
  return options;
}

/** A safe file name for a receipt PDF: letters, digits, dash and underscore, ending in .pdf. */
export function pdfFileName(value: unknown): string {
  const base = (typeof value === 'string' ? value : '').replace(/\.pdf$/i, '').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
  return `${base || 'receipt'}.pdf`;
}
