import ExcelJS from 'exceljs';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { formatMoney, money } from '../../shared/money/index';
import type { PairResponseBody } from '../../shared/protocol';
import type { NotificationDoc } from '../../shared/schemas/index';
import { createMailer } from '../../sync-server/notifications/mailer';
import { upsertServerDocuments } from '../../sync-server/replication/store';
import { apiClient, signIn, TEST_PASSWORD } from '../support/backoffice';
import { settings } from '../support/demo-settings';
import { deviceClient } from '../support/documents';
import { pdfText } from '../support/pdf-text';
import { makeRefund, makeSale, type Sale } from '../support/sales';
import { SmtpSink } from '../support/smtp-sink';
import { databaseKinds, startTestServer, type TestServer } from '../support/test-server';

const TAX = { id: '0190a000-0000-7000-8000-0000000000aa', name: 'Sales tax', rate: '8.875' };
const usd = (minor: number) => formatMoney(money(minor, 'USD'), 'en-US');

describe.each(databaseKinds())('receipt emails through the job queue on %s', (kind) => {
  const sink = new SmtpSink();
  let clock = new Date('2026-11-20T15:00:00.000Z');
  let server: TestServer;
  let device: PairResponseBody;
  let call: ReturnType<typeof apiClient>;
  let register: ReturnType<typeof deviceClient>;
  let anaId: string;

  beforeAll(async () => {
    await sink.start();
    server = await startTestServer(kind, {
      app: {
        now: () => clock,
        mailer: createMailer({ smtpUrl: sink.url, from: 'Test Salon <receipts@salon.test>' }),
        jobs: { start: true, pollingIntervalSeconds: 0.5, retryLimit: 3, retryDelaySeconds: 1 },
      },
    });
    const owner = await salon('Mail salon', 'en-US');
    ({ device, register, anaId } = owner);
    call = apiClient(server.url, await signIn(server, device.tenantId, 'owner'));
  });

  /** A business with one location whose settings speak `locale`, a provider (Ana) and a paired register. */
  async function salon(name: string, locale: string) {
    const tenant = await server.newTenant(name);
    const paired = await server.pair(tenant.pairingCode);
    const scope = { tenantId: tenant.tenantId, locationId: tenant.locationId, deviceId: null };
    const locationSettings = settings({
      id: tenant.locationId, tenantId: tenant.tenantId, locationId: tenant.locationId, timeZone: 'America/Chicago', locale, receiptFooter: 'See you soon!', taxes: [TAX],
    });
    await upsertServerDocuments(server.db.kysely, 'settings', [{ ...locationSettings, _deleted: false }], scope, clock);
    const staff = {
      id: newId(), name: 'Ana', tenantId: tenant.tenantId, locationIds: [tenant.locationId], role: 'provider', providesServices: true,
      commissionRate: '45', tipCommissionRate: '100', active: true, updatedAt: clock.toISOString(), _deleted: false,
    };
    await upsertServerDocuments(server.db.kysely, 'staff', [staff], scope, clock);
    return { device: paired, register: deviceClient(server.url, paired), anaId: staff.id };
  }

  afterAll(async () => {
    await server?.close();
    await sink.stop();
  });

  async function sell(number: string, at = { device, register, anaId }): Promise<Sale> {
    const sale = makeSale(at.device, {
      createdAt: '2026-11-20T14:30:00.000Z', timeZone: 'America/Chicago', number, tip: 900, taxes: [TAX], rates: [{ id: at.anaId, commissionRate: '45', tipCommissionRate: '100' }],
      lines: [{ kind: 'service', unitPrice: 4500, staffId: at.anaId }, { kind: 'product', unitPrice: 1299, quantity: 2 }],
      tenders: [{ tender: 'CASH', mode: 'OFFLINE' }, { tender: 'CARD_EXTERNAL', mode: 'OFFLINE' }],
    });
    expect((await at.register.push('orders', [sale.order])).status).toBe(200);
    expect((await at.register.push('payments', sale.payments)).status).toBe(200);
    return sale;
  }

  async function requestReceipt(orderId: string, to: string, at = { device, register }): Promise<string> {
    const doc: NotificationDoc = {
      id: newId(), tenantId: at.device.tenantId, locationId: at.device.locationId, deviceId: at.device.deviceId,
      kind: 'receipt', channel: 'email', orderId, to, createdAt: clock.toISOString(),
    };
    expect((await at.register.push('notifications', [doc])).status).toBe(200);
    return doc.id;
  }

  async function waitForStatus(id: string, status: string, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { body } = await call('GET', `/notifications/${id}`);
      if (body.status === status) return body;
      if (Date.now() > deadline) throw new Error(`notification ${id} is ${body.status}, not ${status}: ${JSON.stringify(body.history)}`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  /** The `count`th message to `to` (with `subject`, when given), once it has arrived. */
  async function waitForMail(to: string, subject?: string, count = 1): Promise<ParsedMail> {
    const found = () => sink.received.filter((m) => !Array.isArray(m.to) && m.to?.text === to && (!subject || m.subject === subject));
    for (let i = 0; i < 200 && found().length < count; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    return found()[count - 1]!;
  }

  const messageTo = (to: string): ParsedMail | undefined => sink.received.find((m) => m.to && !Array.isArray(m.to) && m.to.text === to);

  it('emails the receipt with its PDF, whose figures are the sale’s, and logs queued → sending → sent', async () => {
    const sale = await sell('A-1001');
    const id = await requestReceipt(sale.order.id, 'dana@example.com');
    const sent = await waitForStatus(id, 'sent');
    const mail = messageTo('dana@example.com')!;
    expect(mail.subject).toBe('Your receipt from Test Salon (order A-1001)');
    expect(mail.messageId).toBe(`<${id}@salon.test>`);
    expect(mail.from?.value).toEqual([{ name: 'Test Salon', address: 'receipts@salon.test' }]);
    const [pdf] = mail.attachments;
    expect([pdf?.filename, pdf?.contentType]).toEqual(['receipt-A-1001.pdf', 'application/pdf']);
    const text = await pdfText(pdf!.content);
    const paid = sale.payments.reduce((sum, p) => sum + p.amount + p.tip, 0);
    expect(paid).toBe(sale.order.total + 900);
    for (const figure of [sale.order.subtotal, sale.order.taxTotal, sale.order.total, 900, paid, 2598]) {
      expect(text).toContain(usd(figure));
      expect(mail.text).toContain(usd(figure));
    }
    expect(text).toContain('Nov 20, 2026, 8:30 AM');
    expect(text).toContain('See you soon!');
    expect(text).toContain('with Ana');
    expect(mail.html).toContain(usd(sale.order.total));
    expect(sent.history.map((h: { status: string }) => h.status)).toEqual(['queued', 'sending', 'sent']);
    expect(sent.history[2].detail).toMatch(/^250 /);
    expect(sent).toMatchObject({ recipient: 'dana@example.com', orderId: sale.order.id, attempts: 1, kind: 'receipt' });
  });

  it('sends a refund receipt, in Spanish for a location that speaks it, with what was given back', async () => {
    const salón = await salon('Salón Sol', 'es-MX');
    const sale = await sell('B-2001', salón);
    const refund = makeRefund(salón.device, sale, { kind: 'amount', amount: 1500, tip: 0 }, '2026-11-20T15:10:00.000Z', 'America/Chicago');
    expect((await salón.register.push('adjustments', [refund])).status).toBe(200);
    const id = await requestReceipt(sale.order.id, 'sol@example.com', salón);
    const mail = await waitForMail('sol@example.com');
    const mxn = (minor: number) => formatMoney(money(minor, 'USD'), 'es-MX');
    expect(mail.subject).toBe('Su recibo de reembolso de Test Salon (pedido B-2001)');
    expect(mail.messageId).toBe(`<${id}@salon.test>`);
    const text = await pdfText(mail.attachments[0]!.content);
    for (const words of ['Recibo de reembolso', 'Reembolsado', `−${mxn(1500)}`, mxn(sale.order.total), 'con Ana', 'Efectivo']) {
      // The PDF's standard fonts write the minus sign as a hyphen-minus; pdf.js reads no-break spaces as spaces.
      expect(text).toContain(words.replace('−', '-').replace(/\u00a0/g, ' '));
      // The plain-text body writes headings in capitals.
      expect(mail.text!.toLowerCase()).toContain(words.toLowerCase());
    }
    expect(mail.html).toContain('lang="es-MX"');
  });

  it('retries while the mail server is down, and delivers once it is back, every attempt in the log', async () => {
    const sale = await sell('A-1002');
    await sink.stop();
    const id = await requestReceipt(sale.order.id, 'lee@example.com');
    const retrying = await waitForStatus(id, 'retrying');
    expect(retrying.history.at(-1).detail).toMatch(/ECONNREFUSED/);
    expect(Date.parse(retrying.history.at(-1).nextAttemptAfter)).toBe(clock.getTime() + 1000);
    // Still on its way (retrying, or sending to a server that is down): not resent on top.
    expect((await call('POST', `/notifications/${id}/resend`)).status).toBe(409);
    await sink.start();
    const sent = await waitForStatus(id, 'sent');
    expect(sent.history.map((h: { status: string }) => h.status)).toEqual(['queued', 'sending', 'retrying', 'sending', 'sent']);
    expect(sent.attempts).toBe(2);
    expect(messageTo('lee@example.com')?.messageId).toBe(`<${id}@salon.test>`);
  });

  it('fails for good on a permanent refusal, with the mail server’s words, and a resend then delivers the same message', async () => {
    const sale = await sell('A-1003');
    sink.mode = { kind: 'refuse', code: 550, message: 'Mailbox unavailable: no such user' };
    const id = await requestReceipt(sale.order.id, 'nobody@example.com');
    const failed = await waitForStatus(id, 'failed');
    sink.mode = { kind: 'accept' };
    expect(failed.detail).toMatch(/^550 .*Mailbox unavailable: no such user/);
    expect(failed.attempts).toBe(1);
    expect((await call('GET', `/notifications?status=failed&recipient=nobody@example.com`)).body.data.map((n: { id: string }) => n.id)).toEqual([id]);

    const resent = await call('POST', `/notifications/${id}/resend`);
    // The answer is the state when it is made: the worker, woken by the resend, may have taken it already.
    expect(resent.status).toBe(202);
    expect(resent.body.history.find((h: { detail: string | null }) => h.detail === 'resend requested')).toMatchObject({ status: 'queued', attempt: 1 });
    await waitForStatus(id, 'sent');
    expect(messageTo('nobody@example.com')?.messageId).toBe(`<${id}@salon.test>`);
  });

  it('a receipt for an order that never arrives fails with that reason and stops nothing else', async () => {
    const missing = newId();
    const id = await requestReceipt(missing, 'ghost@example.com');
    const waiting = await waitForStatus(id, 'retrying');
    expect(waiting.detail).toBe(`Order ${missing} does not exist at this location.`);
    clock = new Date(clock.getTime() + 11 * 60_000);
    const failed = await waitForStatus(id, 'failed');
    expect(failed.detail).toBe(`Order ${missing} does not exist at this location.`);
    const sale = await sell('A-1004');
    await waitForStatus(await requestReceipt(sale.order.id, 'after@example.com'), 'sent');
    expect(messageTo('ghost@example.com')).toBeUndefined();
  });

  it('exports the payment history to Excel by email: rows and totals equal the payments API', async () => {
    const answer = await call('POST', '/payments/export', { tender: ['CASH', 'CARD_EXTERNAL'] });
    const email = `owner.${device.tenantId}@example.test`;
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ email, message: `The payment history is being exported; it will be emailed to ${email}.` });
    const mail = await waitForMail(email);
    expect(mail.subject).toBe('Payment history export from Test Salon');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(mail.attachments[0]!.content as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Payments')!;
    const rows = sheet.getSheetValues().slice(2).map((row) => (row as ExcelJS.CellValue[]).slice(1));
    const api = (await call('GET', '/payments?tender=CASH&tender=CARD_EXTERNAL&limit=100')).body;
    expect(api.total).toBeGreaterThan(4);
    const cents = (value: ExcelJS.CellValue) => Math.round(Number(value) * 100);
    const header = sheet.getRow(1).values as string[];
    const col = (name: string) => header.indexOf(name) - 1;
    expect(rows.slice(0, -1).map((r) => [r[col('payment_id')], cents(r[col('amount')]), cents(r[col('tip')]), cents(r[col('total')])])).toEqual(
      api.data.map((p: { id: string; amount: number; tip: number; total: number }) => [p.id, p.amount, p.tip, p.total]),
    );
    const totals = rows.at(-1)!;
    expect([totals[col('payment_id')], cents(totals[col('total')])]).toEqual(['Total USD', api.data.reduce((sum: number, p: { total: number }) => sum + p.total, 0)]);
    expect(mail.text).toContain(`lists ${api.total} payments`);
    expect((await call('GET', `/notifications/${answer.body.notificationId}`)).body).toMatchObject({ kind: 'payments_export', status: 'sent', recipient: email });
  });

  it('emails a one-time link that confirms a user’s address, and refuses it used or expired', async () => {
    const me = (await call('GET', '/auth/me')).body.user;
    const asked = await call('POST', `/notifications/email/${me.id}/verification`);
    expect([asked.status, asked.body.email]).toEqual([202, me.email]);
    const mail = await waitForMail(me.email, 'Confirm your email address');
    const link = /http:\/\/\S+token=[\w-]+/.exec(mail.text!)![0];
    expect(link.startsWith(`${server.url}/api/v1/email-verification?token=fdv_`)).toBe(true);
    expect(mail.html).toContain(link.replace(/&/g, '&amp;'));
    const verifiedAt = async () => (await server.db.kysely.selectFrom('users').select('email_verified_at').where('id', '=', me.id).executeTakeFirstOrThrow()).email_verified_at;
    expect(await verifiedAt()).toBeNull();
    const opened = await fetch(link);
    expect([opened.status, (await opened.json()).email]).toEqual([200, me.email]);
    expect((await verifiedAt())?.toISOString()).toBe(clock.toISOString());
    expect((await fetch(link)).status).toBe(410);

    await call('POST', `/notifications/email/${me.id}/verification`);
    await waitForMail(me.email, 'Confirm your email address', 2);
    const late = /http:\/\/\S+token=[\w-]+/.exec(sink.received.filter((m) => m.subject === 'Confirm your email address')[1]!.text!)![0];
    clock = new Date(clock.getTime() + 25 * 3600_000);
    expect((await fetch(late)).status).toBe(410);
    // A front-desk user asks for their own address; another's is refused.
    const desk = apiClient(server.url, await signIn(server, device.tenantId, 'front_desk'));
    const deskUser = (await desk('GET', '/auth/me')).body.user;
    expect((await desk('POST', `/notifications/email/${deskUser.id}/verification`)).status).toBe(202);
    expect((await desk('POST', `/notifications/email/${me.id}/verification`)).status).toBe(403);
  });

  it("emails a tenant's owner once per 15-minute window when one account has 5 failed sign-ins, padded emails counting as the same account", async () => {
    const { device: guarded } = await salon('Guarded salon', 'en-US');
    const ownerEmail = `owner.${guarded.tenantId}@example.test`;
    const managerEmail = `manager.${guarded.tenantId}@example.test`;
    await signIn(server, guarded.tenantId, 'owner');
    await signIn(server, guarded.tenantId, 'manager');
    const attempt = (email: string, password = 'not the password') =>
      fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) }).then((r) => r.status);
    const alerts = () => server.db.kysely.selectFrom('notifications').select(['id', 'recipient', 'status']).where('tenant_id', '=', guarded.tenantId).where('kind', '=', 'sign_in_alert').execute();
    const started = clock;
    try {
      for (const email of [managerEmail, ` ${managerEmail.toUpperCase()}`, `${managerEmail}\t`, managerEmail]) expect(await attempt(email)).toBe(401);
      expect(await attempt(managerEmail, TEST_PASSWORD)).toBe(200);
      expect(await alerts()).toEqual([]);
      clock = new Date(started.getTime() + 60_000);
      expect(await attempt(`\u00a0${managerEmail}`)).toBe(401);
      const [alert] = await alerts();
      expect(alert).toMatchObject({ recipient: ownerEmail });
      const mail = await waitForMail(ownerEmail);
      expect(mail.subject).toBe(`Failed sign-ins to ${managerEmail} at Test Salon`);
      expect(mail.text).toContain(`5 attempts to sign in to the back office as ${managerEmail} failed with a wrong password since ${started.toISOString().slice(0, 16).replace('T', ' ')} (UTC).`);
      // More failures in the same window: no second email.
      for (let i = 0; i < 4; i++) expect(await attempt(managerEmail)).toBe(401);
      expect(await alerts()).toHaveLength(1);
      // A new window, five more: a second email.
      clock = new Date(started.getTime() + 16 * 60_000);
      for (let i = 0; i < 5; i++) expect(await attempt(managerEmail)).toBe(401);
      expect(await alerts()).toHaveLength(2);
      // Wrong passwords for an address that is no account email nobody.
      for (let i = 0; i < 5; i++) expect(await attempt(`nobody.${guarded.tenantId}@example.test`)).toBe(401);
      expect(await alerts()).toHaveLength(2);
    } finally {
      clock = started;
    }
  });
});
