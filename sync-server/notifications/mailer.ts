import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';

/** What the server sends mail through: SMTP, or .eml files for the demo. */
export interface Mailer {
  /** The From address (MAIL_FROM). */
  from: string;
  /** Where mail goes, in words for the log. */
  describe: string;
  /** Sends a message; resolves with the server's answer ("250 OK ...") or where the file went. */
  send(message: Mail.Options & { messageId: string }): Promise<string>;
  /** Checks the connection and credentials; resolves with the reason mail cannot go out, or null. */
  verify(): Promise<string | null>;
  close(): void;
}

export interface MailSettings {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://… ; absent: .eml files in `mailDir`. */
  smtpUrl?: string | null;
  from?: string | null;
  mailDir?: string | null;
}

const DEFAULT_FROM = 'Front desk <no-reply@frontdesk.invalid>';

export function createMailer(settings: MailSettings): Mailer {
  const from = settings.from || DEFAULT_FROM;
  if (settings.smtpUrl) {
    // Pooled connections; a dead server is given up on well within a job's run timeout.
    const transport = nodemailer.createTransport({ url: settings.smtpUrl, pool: true, maxConnections: 5, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 });
    const url = new URL(settings.smtpUrl);
    return {
      from,
      describe: `SMTP ${url.protocol}//${url.host} (from ${from})`,
      async send(message) {
        const info = await transport.sendMail({ from, ...message });
        return String(info.response);
      },
      verify: () => transport.verify().then(() => null, (error: unknown) => smtpFailure(error).reason),
      close: () => transport.close(),
    };
  }
  const dir = settings.mailDir;
  if (!dir) throw new Error('Mail needs SMTP_URL, or a directory for .eml files.');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    from,
    describe: `.eml files in ${dir} (no SMTP_URL: nothing leaves this machine)`,
    async send(message) {
      const info = await transport.sendMail({ from, ...message });
      await mkdir(dir, { recursive: true });
      const file = join(dir, `${message.messageId.replace(/[<>]/g, '').replace(/[^\w.@-]/g, '_')}.eml`);
      await writeFile(`${file}.tmp`, info.message as Buffer);
      await rename(`${file}.tmp`, file);
      return `written to ${file}`;
    },
    verify: async () => null,
    close: () => transport.close(),
  };
}

/** A server told nowhere to send mail: every send fails (and is retried), saying so. */
export const NO_MAIL: Mailer = {
  from: DEFAULT_FROM,
  describe: 'nowhere (no mail transport configured)',
  send: () => Promise.reject(new Error('No mail transport is configured on this server.')),
  verify: async () => 'No mail transport is configured on this server.',
  close: () => undefined,
};

/** A failed send in words, and whether trying again can help (an SMTP 5xx answer cannot). */
export function smtpFailure(error: unknown): { permanent: boolean; reason: string } {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  const reason = e.response || e.message || String(error);
  // Wrong credentials (535) are the sender's to fix, not the recipient's: keep retrying meanwhile.
  const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600 && e.code !== 'EAUTH';
  return { permanent, reason };
}

/** The Message-ID a notification always goes out with: the same on every resend. */
export function messageIdFor(notificationId: string, from: string): string {
  const domain = /@([^\s>]+)/.exec(from)?.[1] ?? 'frontdesk.invalid';
  return `<${notificationId}@${domain}>`;
}
