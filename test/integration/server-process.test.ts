import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cashPayment, deviceClient } from '../support/documents';
import { freePort, startServerProcess, waitForHealth } from '../support/server-process';

const startServer = (port: number, dataDir: string) => startServerProcess(port, dataDir, { LOG_LEVEL: 'info' });

/** The human start block (every line before the first JSON line) and the JSON log lines. */
function splitOutput(output: string): { block: string; json: string[] } {
  const lines = output.split('\n');
  const first = lines.findIndex((line) => line.startsWith('{'));
  return { block: lines.slice(0, first).join('\n'), json: lines.slice(first).filter((line) => line.startsWith('{')) };
}

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
    // A person reads where things are first; the JSON log never carries the code or the password.
    const started = splitOutput(first.output());
    const password = /owner@demo\.salon \/ (\S+) \(shown this once/.exec(started.block)?.[1];
    expect(started.block).toContain(`Register:     ${url}/`);
    expect(started.block).toContain(`Pairing code: ${pairingCode} `);
    expect(started.block).toContain(`Back office:  ${url}/api/docs`);
    expect(password).toMatch(/^[\w-]{16}$/);
    expect(started.json.length).toBeGreaterThan(0);
    expect(started.json.filter((line) => line.includes(pairingCode) || line.includes(password!))).toEqual([]);

    const second = startServer(port, dataDir);
    try {
      await waitForHealth(url);
      expect(splitOutput(second.output()).block).toContain('Owner:        owner@demo.salon (the password was shown at the first start)');
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
