import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DRAWER_KICK, kickCashDrawer, parsePrinterTarget, pdfFileName, printOptionsFrom } from '../../electron/hardware';

describe('receipt printer and cash drawer', () => {
  it('reads the printer from POS_RECEIPT_PRINTER: a raw TCP printer or a device path', () => {
    expect(parsePrinterTarget(undefined)).toBeNull();
    expect(parsePrinterTarget('  ')).toBeNull();
    expect(parsePrinterTarget('tcp://192.168.1.50:9100')).toEqual({ kind: 'tcp', host: '192.168.1.50', port: 9100 });
    expect(parsePrinterTarget('tcp://printer.local')).toEqual({ kind: 'tcp', host: 'printer.local', port: 9100 });
    expect(parsePrinterTarget('/dev/usb/lp0')).toEqual({ kind: 'device', path: '/dev/usb/lp0' });
    expect(parsePrinterTarget('\\\\.\\COM3')).toEqual({ kind: 'device', path: '\\\\.\\COM3' });
    expect(() => parsePrinterTarget('http://printer')).toThrow('tcp://host:port or a device path');
    expect(() => parsePrinterTarget('tcp://printer:9100/x')).toThrow('tcp://host:port');
  });

  it('kicks the drawer with ESC p 0 25 250 over TCP', async () => {
    const received: Buffer[] = [];
    const server = createServer((socket) => socket.on('data', (chunk) => received.push(chunk)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const closed = new Promise((resolve) => server.on('connection', (socket) => socket.on('close', resolve)));
    expect(await kickCashDrawer({ kind: 'tcp', host: '127.0.0.1', port })).toEqual({ ok: true });
    await closed;
    server.close();
    expect([...Buffer.concat(received)]).toEqual([0x1b, 0x70, 0x00, 0x19, 0xfa]);
    expect([...DRAWER_KICK]).toEqual([27, 112, 0, 25, 250]);
  });

  it('kicks the drawer through a device file', async () => {
    const device = join(mkdtempSync(join(tmpdir(), 'pos-lp-')), 'lp0');
    writeFileSync(device, '');
    expect(await kickCashDrawer({ kind: 'device', path: device })).toEqual({ ok: true });
    expect([...readFileSync(device)]).toEqual([...DRAWER_KICK]);
  });

  it('says clearly when there is no printer or it does not answer', async () => {
    const none = await kickCashDrawer(null);
    expect(none).toMatchObject({ ok: false, reason: expect.stringContaining('No receipt printer is configured') });
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    server.close();
    const refused = await kickCashDrawer({ kind: 'tcp', host: '127.0.0.1', port });
    expect(refused).toMatchObject({ ok: false, reason: expect.stringContaining('The cash drawer did not open') });
    expect(await kickCashDrawer({ kind: 'device', path: '/nonexistent/lp0' })).toMatchObject({ ok: false });
  });

  it('takes only the print options the register may choose, and a safe PDF file name', () => {
    expect(printOptionsFrom({ silent: true, deviceName: 'Star TSP100', printBackground: true, pageRanges: 'x' })).toEqual({ silent: true, deviceName: 'Star TSP100' });
    expect(printOptionsFrom('garbage', { silent: true })).toEqual({ silent: true });
    expect(printOptionsFrom({ deviceName: 'x'.repeat(201) })).toEqual({});
    expect(pdfFileName('receipt-C3A1-0007')).toBe('receipt-C3A1-0007.pdf');
    expect(pdfFileName('../../etc/passwd')).toBe('etc-passwd.pdf');
    expect(pdfFileName(42)).toBe('receipt.pdf');
  });
});
