import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, smtpFailure } from '../../sync-server/notifications/mailer';
import { SmtpSink } from '../support/smtp-sink';

describe('where the server sends mail', () => {
  const sink = new SmtpSink('right password');
  const dir = mkdtempSync(join(tmpdir(), 'pos-mail-'));
  beforeAll(() => sink.start());
  afterAll(async () => {
    await sink.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('without SMTP_URL writes each message as an .eml file named by its Message-ID', async () => {
    const mailer = createMailer({ mailDir: join(dir, 'mail'), from: 'Demo <receipts@demo.test>' });
    expect(mailer.describe).toContain('.eml files in');
    const answer = await mailer.send({ to: 'dana@example.com', subject: 'Hello', text: 'Hi', messageId: '<n1@demo.test>' });
    expect(readdirSync(join(dir, 'mail'))).toEqual(['n1@demo.test.eml']);
    expect(answer).toBe(`written to ${join(dir, 'mail', 'n1@demo.test.eml')}`);
    const parsed = await simpleParser(readFileSync(join(dir, 'mail', 'n1@demo.test.eml')));
    expect([parsed.messageId, parsed.subject, parsed.text?.trim()]).toEqual(['<n1@demo.test>', 'Hello', 'Hi']);
  });

  it('says why mail is not going out when the credentials are wrong, and counts it as worth retrying', async () => {
    const url = new URL(sink.url);
    url.username = 'salon';
    url.password = 'wrong password';
    const wrong = createMailer({ smtpUrl: url.toString() });
    expect(await wrong.verify()).toMatch(/535 Invalid username or password/);
    const failure = await wrong.send({ to: 'a@example.com', subject: 'x', text: 'x', messageId: '<n2@x.test>' }).catch(smtpFailure);
    expect(failure).toMatchObject({ permanent: false, reason: expect.stringMatching(/535/) });
    wrong.close();
    url.password = 'right password';
    const right = createMailer({ smtpUrl: url.toString() });
    expect(await right.verify()).toBeNull();
    right.close();
  });
});
