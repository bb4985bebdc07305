import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp, isLoopback } from './app';
import { openDb } from './db/connect';
import { DEMO_OWNER_EMAIL, ensureDemoOwner } from './demo/demo-owner';
import { ensureDemo } from './demo/seed-demo';
import { JOB_DEFAULTS } from './jobs/queue';
import { createMailer } from './notifications/mailer';
import { startBlock } from './start-block';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8787' },
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    'data-dir': { type: 'string', default: process.env.DATA_DIR ?? './data' },
    demo: { type: 'boolean', default: false },
    'no-demo': { type: 'boolean', default: false },
    'renderer-dir': { type: 'string', default: resolve('dist/renderer') },
  },
});

const databaseUrl = process.env.DATABASE_URL || undefined;
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a TCP port number, got "${values.port}"`);
  process.exit(2);
}

const db = await openDb({ databaseUrl, dataDir: databaseUrl ? undefined : resolve(values['data-dir']) });
// The embedded default runs the demo business unless told not to; PostgreSQL only with --demo.
const runDemo = values.demo || (!databaseUrl && !values['no-demo']);
// The one place the server reads the real clock: everything else is handed it.
const now = () => new Date();
const demo = runDemo ? await ensureDemo(db.kysely, now()) : null;
const demoOwner = demo ? await ensureDemoOwner(db.kysely, demo.tenantId, now()) : null;
const where = databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${resolve(values['data-dir'])}`;
// For the person starting it, before the JSON log begins; the log never carries the code or a password.
process.stdout.write(
  startBlock({ host: values.host, port, database: where, pairingCode: demo?.pairingCode ?? null, owner: demoOwner, ownerEmail: demo ? DEMO_OWNER_EMAIL : null }),
);

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`${name} must be a number of at least 0, got "${process.env[name]}"`);
    process.exit(2);
  }
  return value;
}
// Without SMTP_URL mail is written as .eml files under the data directory (the demo's mailbox).
const mailer = createMailer({ smtpUrl: process.env.SMTP_URL || null, from: process.env.MAIL_FROM || null, mailDir: join(resolve(values['data-dir']), 'mail') });
const jobs = {
  start: true,
  retryLimit: envNumber('JOB_RETRY_LIMIT', JOB_DEFAULTS.retryLimit),
  retryDelaySeconds: Math.max(1, envNumber('JOB_RETRY_DELAY_SECONDS', JOB_DEFAULTS.retryDelaySeconds)),
  runTimeoutSeconds: Math.max(1, envNumber('JOB_TIMEOUT_SECONDS', JOB_DEFAULTS.runTimeoutSeconds)),
};
const app = await buildApp({ db, demo, now, rendererDir: values['renderer-dir'], mailer, jobs,
  logger: { level: process.env.LOG_LEVEL ?? 'info' },
  clearingDelayHours: envNumber('CLEARING_DELAY_HOURS', 48),
  loginRateLimit: { max: envNumber('LOGIN_RATE_LIMIT', 10), timeWindow: 60_000 },
  pairRateLimit: { max: envNumber('PAIR_RATE_LIMIT', 10), timeWindow: 60_000 },
  development: process.env.NODE_ENV === 'development',
  trustProxy: process.env.TRUST_PROXY === '1',
});

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info(`${signal}: closing the sync server`);
  await app.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

const address = await app.listen({ port, host: values.host });
app.log.info(`Sync server on ${address}, database: ${where}`);
app.log.info(`Mail: ${mailer.describe}`);
void mailer.verify().then((problem) => {
  if (problem) app.log.warn(`Mail is not going out: ${problem} (check SMTP_URL); notifications wait and are retried`);
});
if (demo && !isLoopback(values.host)) {
  app.log.warn(`The demo salon runs on ${values.host}, reachable from the network: its pairing code never expires, so /api/v1/demo offers it only to this machine; pair other registers with a code from the back office.`);
}
