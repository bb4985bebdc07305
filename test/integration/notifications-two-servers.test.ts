import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import type { PairResponseBody } from '../../shared/protocol';
import type { NotificationDoc } from '../../shared/schemas/index';
import { deviceClient } from '../support/documents';
import { makeSale } from '../support/sales';
import { freePort, startServerProcess, waitForHealth, type ServerProcess } from '../support/server-process';
import { SmtpSink } from '../support/smtp-sink';
import { databaseKinds, freshPostgresDatabase } from '../support/test-server';

const RECEIPTS = 300;

describe.runIf(databaseKinds().includes('postgres'))('two server processes draining one queue on one PostgreSQL', () => {
  const sink = new SmtpSink();
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-two-'));
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of servers) server.child.kill('SIGTERM');
    await Promise.all(servers.map((server) => server.exited));
    await sink.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends each receipt exactly once, whichever process pushed or took it', async () => {
    await sink.start();
    const env = { SMTP_URL: sink.url, MAIL_FROM: 'Demo Salon <receipts@demo.test>', DATABASE_URL: await freshPostgresDatabase() };
    const urls: string[] = [];
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      urls.push(`http://127.0.0.1:${port}`);
      servers.push(startServerProcess(port, dataDir, env, ['--demo']));
      await waitForHealth(urls[i]!);
    }
    const { pairingCode } = await (await fetch(`${urls[0]}/api/v1/demo`)).json();
    const pair = await fetch(`${urls[0]}/api/v1/devices/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pairingCode, name: 'R' }) });
    const device = (await pair.json()) as PairResponseBody;
    const sale = makeSale(device, {
      createdAt: '2026-11-20T14:30:00.000Z', timeZone: 'America/Chicago', number: 'T-1', tip: 0, taxes: [], rates: [],
      lines: [{ kind: 'product', unitPrice: 2500 }], tenders: [{ tender: 'CASH', mode: 'OFFLINE' }],
    });
    expect((await deviceClient(urls[0]!, device).push('orders', [sale.order])).status).toBe(200);
    expect((await deviceClient(urls[0]!, device).push('payments', sale.payments)).status).toBe(200);
    // Each process takes half of the pushes, so both record requests and both work the queue.
    for (let batch = 0; batch < RECEIPTS / 50; batch++) {
      const docs: NotificationDoc[] = Array.from({ length: 50 }, (_, i) => ({
        id: newId(), tenantId: device.tenantId, locationId: device.locationId, deviceId: device.deviceId,
        kind: 'receipt', channel: 'email', orderId: sale.order.id, to: `client${batch * 50 + i}@example.com`, createdAt: sale.order.createdAt,
      }));
      expect((await deviceClient(urls[batch % 2]!, device).push('notifications', docs)).status).toBe(200);
    }
    await sink.waitFor(RECEIPTS, 120_000);
    // Give a second run of any job time to show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const ids = sink.received.map((m) => m.messageId);
    expect(ids.length).toBe(RECEIPTS);
    expect(new Set(ids).size).toBe(RECEIPTS);
  }, 240_000);
});
