import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** What the sink answers to a message: accept it, refuse it for now (4xx) or for good (5xx). */
export type SinkMode = { kind: 'accept' } | { kind: 'refuse'; code: number; message: string };

/**
 * A real SMTP server in the test process (smtp-server), parsing what it receives with mailparser.
 * `stop()` then `start()` again on the same port plays "SMTP down, then back".
 */
export class SmtpSink {
  readonly received: ParsedMail[] = [];
  mode: SinkMode = { kind: 'accept' };

  /** With `password`, the sink requires AUTH and accepts only that password (plain text over the test's loopback). */
  constructor(private readonly password: string | null = null) {}
  private server: SMTPServer | null = null;
  private port = 0;
  private waiters: (() => void)[] = [];

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const password = this.password;
    const server = new SMTPServer({
      authOptional: password === null,
      allowInsecureAuth: true,
      disabledCommands: password === null ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
      onAuth: (auth, _session, callback) =>
        auth.password === password ? callback(null, { user: auth.username }) : callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 })),
      logger: false,
      // Stopping drops the sender's open (pooled) connections instead of waiting 30 s for them.
      closeTimeout: 100,
      onData: (stream, _session, callback) => {
        const mode = this.mode;
        simpleParser(stream).then((mail) => {
          if (mode.kind === 'refuse') return callback(Object.assign(new Error(mode.message), { responseCode: mode.code }));
          this.received.push(mail);
          for (const wake of this.waiters.splice(0)) wake();
          callback();
        }, callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves once `count` messages have arrived (fails the test after `timeoutMs`). */
  async waitFor(count: number, timeoutMs = 20_000): Promise<ParsedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} messages at the SMTP sink, got ${this.received.length}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
    return this.received;
  }
}
