import PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/connect';
import { queueDueRuns, type DailyRun } from './daily';

/** One run of a job, as its handler sees it. */
export interface JobRun<T> {
  id: string;
  data: T;
  /** 1 on the first run, then one more on each retry. */
  attempt: number;
  /** True when a failure now leaves the job failed (dead) instead of retried. */
  lastAttempt: boolean;
}

/** Thrown by a handler for a failure a retry can cure (the queue retries with backoff). */
export class RetryableJobError extends Error {}

/**
 * A kind of background job. The handler must be idempotent: a job runs at least once, and
 * again after a crash or a kill between its side effect and its completion being recorded.
 * Throwing RetryableJobError retries it; returning (also after recording a permanent failure
 * of its own) completes it.
 */
export interface JobKind<T extends object> {
  name: string;
  run(job: JobRun<T>): Promise<void>;
}

export interface JobQueueSettings {
  /** How often an idle worker looks for due jobs; a send in this process wakes it at once. */
  pollingIntervalSeconds: number;
  /** Jobs a worker takes at a time (run concurrently). */
  batchSize: number;
  /** Retries after the first run before a job is left failed (JOB_RETRY_LIMIT). */
  retryLimit: number;
  /** Wait before the first retry; each next one waits about twice as long, with jitter (JOB_RETRY_DELAY_SECONDS). */
  retryDelaySeconds: number;
  /**
   * How long a batch of runs may take before its jobs count as failed and are retried; also how
   * soon the jobs of a killed process are taken up again, at most twice this (JOB_TIMEOUT_SECONDS).
   */
  runTimeoutSeconds: number;
}

/** The internal job that, every minute, queues the daily runs that have come due in each location. */
const DAILY_TICK = 'jobs.daily-tick';

export const JOB_DEFAULTS: JobQueueSettings = { pollingIntervalSeconds: 2, batchSize: 20, retryLimit: 8, retryDelaySeconds: 15, runTimeoutSeconds: 60 };

/**
 * The server's durable job queue: pg-boss on the server's own database, PGlite or PostgreSQL
 * (pg-boss reaches either through `Db.sql`). Jobs live in the database's `pgboss` schema, so
 * they survive restarts and kills; several processes on one PostgreSQL take each job once
 * (row locks with SKIP LOCKED). The queue starts only when asked (main.ts, or a test that
 * runs jobs): until then sends are skipped and each kind's `onStart` catches up.
 */
export class JobQueue {
  private boss: PgBoss | null = null;
  private readonly kinds = new Map<string, JobKind<object>>();
  private readonly workers = new Map<string, string>();
  private readonly startHooks: (() => Promise<void>)[] = [];
  private readonly daily: { name: string; at: string }[] = [];
  readonly settings: JobQueueSettings;

  constructor(
    private readonly db: Db,
    private readonly log: Pick<FastifyBaseLogger, 'error' | 'warn' | 'info'>,
    /** The server's clock: which business day it is in each location. */
    private readonly now: () => Date,
    settings: Partial<JobQueueSettings> = {},
  ) {
    this.settings = { ...JOB_DEFAULTS, ...settings };
  }

  /** Registers a kind of job; `onStart` runs once the queue is up (to send what was left unsent). */
  define<T extends object>(kind: JobKind<T>, onStart?: () => Promise<void>): void {
    this.kinds.set(kind.name, kind as unknown as JobKind<object>);
    if (onStart) this.startHooks.push(onStart);
  }

  /**
   * A job run once a day for every location, at `at` ("HH:mm") on the location's own clock
   * (daily billing, reminders): each run gets `{locationId, businessDate}`, once per business day.
   */
  defineDaily(kind: JobKind<DailyRun>, at: string): void {
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(at)) throw new Error(`A daily job runs at "HH:mm", not "${at}".`);
    this.define(kind);
    this.daily.push({ name: kind.name, at });
  }

  /** Queues the daily runs due now (the every-minute tick does this; tests call it with their clock). */
  async queueDailyRuns(): Promise<DailyRun[]> {
    const queued: DailyRun[] = [];
    for (const kind of this.daily) {
      queued.push(...(await queueDueRuns(this.db.kysely, kind, this.now(), (run, id) => this.send(kind.name, run, { id }))));
    }
    return queued;
  }

  get running(): boolean {
    return this.boss !== null;
  }

  async start(): Promise<void> {
    if (this.boss) return;
    const { retryLimit, retryDelaySeconds, runTimeoutSeconds } = this.settings;
    // Maintenance (which takes up the jobs of a killed process) runs at least once per timeout.
    const boss = new PgBoss({ db: this.db.sql, schema: 'pgboss', maintenanceIntervalSeconds: Math.max(1, Math.min(120, runTimeoutSeconds)) });
    boss.on('error', (error) => this.log.error({ err: error }, 'job queue error'));
    await boss.start();
    for (const kind of this.kinds.values()) {
      await boss.createQueue(kind.name, {
        name: kind.name,
        retryLimit,
        retryDelay: retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: runTimeoutSeconds,
      });
      const worker = await boss.work<object>(
        kind.name,
        { includeMetadata: true, batchSize: this.settings.batchSize, pollingIntervalSeconds: this.settings.pollingIntervalSeconds },
        (jobs) => this.runBatch(boss, kind, jobs),
      );
      this.workers.set(kind.name, worker);
    }
    this.boss = boss;
    if (this.daily.length > 0) {
      await boss.createQueue(DAILY_TICK, { name: DAILY_TICK, retryLimit: 0 });
      this.workers.set(DAILY_TICK, await boss.work(DAILY_TICK, async () => void (await this.queueDailyRuns())));
      await boss.schedule(DAILY_TICK, '* * * * *');
    }
    for (const hook of this.startHooks) await hook();
  }

  /** Each job of a batch succeeds or fails alone; a full batch means more are waiting: look again at once. */
  private async runBatch(boss: PgBoss, kind: JobKind<object>, jobs: PgBoss.JobWithMetadata<object>[]): Promise<void> {
    await Promise.all(
      jobs.map(async (job) => {
        const run = { id: job.id, data: job.data, attempt: job.retryCount + 1, lastAttempt: job.retryCount >= job.retryLimit };
        try {
          await kind.run(run);
        } catch (error) {
          if (!(error instanceof RetryableJobError)) this.log.error({ err: error, job: job.id, queue: kind.name }, 'job failed');
          await boss.fail(kind.name, job.id, { message: error instanceof Error ? error.message : String(error) });
        }
      }),
    );
    if (jobs.length === this.settings.batchSize) this.wake(boss, kind.name);
  }

  private wake(boss: PgBoss, name: string): void {
    const worker = this.workers.get(name);
    if (worker) boss.notifyWorker(worker);
  }

  /**
   * Queues a job (due at once, or after `startAfterSeconds`). With an `id`, sending again while
   * that job is still kept is a no-op, so catching up after a crash never doubles a job.
   */
  async send(name: string, data: object, options: { id?: string; startAfterSeconds?: number } = {}): Promise<void> {
    const boss = this.boss;
    if (!boss) return;
    await boss.send(name, data, { ...(options.id ? { id: options.id } : {}), ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}) });
    if (!options.startAfterSeconds) this.wake(boss, name);
  }

  /** Stops taking jobs and waits for the ones running (up to 10 s). */
  async stop(): Promise<void> {
    const boss = this.boss;
    if (!boss) return;
    this.boss = null;
    await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}
