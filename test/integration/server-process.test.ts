import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cashPayment, deviceClient } from '../support/documents';
import { freePort, startServerProcess as startServer, waitForHealth } from '../support/server-process';

describe('the sync server process on its embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-data-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('closes cleanly on SIGTERM and serves the same data and demo pairing code after a restart', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = startServer(port, dataDir);
    await waitForHealth(url);
    const { pairingCode } = await (await fetch(`${url}/api/v1/demo`)).json();
    const device = await (
      await fetch(`${url}/api/v1/devices/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pairingCode, name: 'R' }) })
    ).json();
    const payment = cashPayment(device, 4321);
    expect((await deviceClient(url, device).push('payments', [payment])).status).toBe(200);
    const catalogBefore = (await deviceClient(url, device).pull('catalog', null, 1000)).body.documents.length;
    expect(catalogBefore).toBeGreaterThan(0);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = startServer(port, dataDir);
    try {
      await waitForHealth(url);
      expect((await (await fetch(`${url}/api/v1/demo`)).json()).pairingCode).toBe(pairingCode);
      const pulled = await deviceClient(url, device).pull('payments', null);
      expect(pulled.body.documents.map((doc: { id: string; amount: number }) => [doc.id, doc.amount])).toEqual([[payment.id, 4321]]);
      const catalog = await deviceClient(url, device).pull('catalog', null, 1000);
      expect(catalog.body.documents.length).toBe(catalogBefore);
    } finally {
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
    }
  });
});
