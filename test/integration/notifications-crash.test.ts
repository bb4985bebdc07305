import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import type { PairResponseBody } from '../../shared/protocol';
import type { NotificationDoc } from '../../shared/schemas/index';
import { deviceClient } from '../support/documents';
import { makeSale } from '../support/sales';
import { freePort, startServerProcess, waitForHealth, type ServerProcess } from '../support/server-process';
import { SmtpSink } from '../support/smtp-sink';
import { databaseKinds, freshPostgresDatabase } from '../support/test-server';

const RECEIPTS = 500;
/** Jobs a worker runs at once (JobQueue's batch): at most these are caught between the mail server's "250" and the log's "sent". */
const IN_FLIGHT = 20;

describe.each(databaseKinds())('receipts queued in a server process that is killed (kill -9) on %s', (kind) => {
  const sink = new SmtpSink();
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-crash-'));
  let env: Record<string, string>;
  let port: number;
  let url: string;
  let running: ServerProcess | null = null;

  const start = async () => {
    running = startServerProcess(port, dataDir, env, kind === 'postgres' ? ['--demo'] : []);
    await waitForHealth(url);
  };

  beforeAll(async () => {
    await sink.start();
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = {
      SMTP_URL: sink.url, MAIL_FROM: 'Demo Salon <receipts@demo.test>', JOB_TIMEOUT_SECONDS: '5', JOB_RETRY_DELAY_SECONDS: '1',
      ...(kind === 'postgres' ? { DATABASE_URL: await freshPostgresDatabase() } : {}),
    };
  });
  afterAll(async () => {
    running?.child.kill('SIGKILL');
    await running?.exited;
    await sink.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers every receipt after the restart; the only duplicates are the same Message-ID, at most one batch in flight', async () => {
    await start();
    const { pairingCode } = await (await fetch(`${url}/api/v1/demo`)).json();
    const pair = await fetch(`${url}/api/v1/devices/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pairingCode, name: 'R' }) });
    const device = (await pair.json()) as PairResponseBody;
    const register = deviceClient(url, device);
    const sale = makeSale(device, {
      createdAt: '2026-11-20T14:30:00.000Z', timeZone: 'America/Chicago', number: 'K-1', tip: 0, taxes: [], rates: [],
      lines: [{ kind: 'product', unitPrice: 2500 }], tenders: [{ tender: 'CASH', mode: 'OFFLINE' }],
    });
    expect((await register.push('orders', [sale.order])).status).toBe(200);
    expect((await register.push('payments', sale.payments)).status).toBe(200);
    const ids: string[] = [];
    for (let batch = 0; batch < RECEIPTS / 100; batch++) {
      const docs: NotificationDoc[] = Array.from({ length: 100 }, (_, i) => ({
        id: newId(), tenantId: device.tenantId, locationId: device.locationId, deviceId: device.deviceId,
        kind: 'receipt', channel: 'email', orderId: sale.order.id, to: `client${batch * 100 + i}@example.com`, createdAt: sale.order.createdAt,
      }));
      expect((await register.push('notifications', docs)).status).toBe(200);
      ids.push(...docs.map((d) => d.id));
    }

    await sink.waitFor(50, 60_000);
    running!.child.kill('SIGKILL');
    await running!.exited;
    const beforeKill = sink.received.length;
    expect(beforeKill).toBeLessThan(RECEIPTS);

    await start();
    const distinct = () => new Set(sink.received.map((m) => m.messageId)).size;
    const deadline = Date.now() + 120_000;
    while (distinct() < RECEIPTS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));

    const expected = new Set(ids.map((id) => `<${id}@demo.test>`));
    const got = sink.received.map((m) => m.messageId ?? '');
    expect(got.filter((id) => !expected.has(id))).toEqual([]);
    expect(new Set(got).size).toBe(RECEIPTS);
    const duplicates = got.length - RECEIPTS;
    console.info(`kill -9 on ${kind}: ${beforeKill} delivered before the kill, ${got.length} messages for ${RECEIPTS} receipts (${duplicates} duplicates)`);
    expect(duplicates).toBeLessThanOrEqual(IN_FLIGHT);
    // Every recipient got their own receipt.
    const byId = new Map(ids.map((id, i) => [`<${id}@demo.test>`, `client${i}@example.com`]));
    expect(sink.received.filter((m) => !Array.isArray(m.to) && m.to?.text !== byId.get(m.messageId!))).toEqual([]);
  }, 240_000);
});
