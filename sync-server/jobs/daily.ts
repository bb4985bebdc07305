import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { v5 as uuidv5 } from 'uuid';
import type { Database } from '../db/schema';

/** One location's run of a daily job, for one of its business days. */
export interface DailyRun {
  locationId: string;
  businessDate: string;
}

const RUN_NAMESPACE = '8f1c2d4e-5a6b-4c7d-9e8f-0a1b2c3d4e5f';

/**
 * The locations whose local clock has passed `at` ("HH:mm") on their business day at `now`:
 * 06:00 is 06:00 in each location's own time zone, in summer and winter alike. On a day that
 * skips `at` (a daylight-saving jump) the run comes as late as the clock jumped.
 */
export function dueDailyRuns(now: Date, locations: readonly { id: string; time_zone: string }[], at: string): DailyRun[] {
  const [hour, minute] = at.split(':').map(Number) as [number, number];
  return locations.flatMap((location) => {
    const local = DateTime.fromJSDate(now, { zone: location.time_zone });
    const due = local.set({ hour, minute, second: 0, millisecond: 0 });
    return local >= due ? [{ locationId: location.id, businessDate: local.toISODate()! }] : [];
  });
}

/** The queue job id of a daily run: the same for one kind, location and day, so it is never queued twice. */
export function dailyRunId(kind: string, run: DailyRun): string {
  return uuidv5(`${kind}:${run.locationId}:${run.businessDate}`, RUN_NAMESPACE);
}

/**
 * Queues each due run of a daily kind not queued before (the ledger of runs is the job_daily_runs
 * table): queued first under its fixed id, then recorded, so a crash between the two only
 * re-sends a job the queue already holds.
 */
export async function queueDueRuns(
  db: Kysely<Database>,
  kind: { name: string; at: string },
  now: Date,
  send: (run: DailyRun, id: string) => Promise<void>,
): Promise<DailyRun[]> {
  const locations = await db.selectFrom('locations').select(['id', 'time_zone']).execute();
  const due = dueDailyRuns(now, locations, kind.at);
  if (due.length === 0) return [];
  const done = await db
    .selectFrom('job_daily_runs')
    .select('location_id')
    .where('kind', '=', kind.name)
    .where((eb) => eb.or(due.map((run) => eb.and([eb('location_id', '=', run.locationId), eb('business_date', '=', run.businessDate)]))))
    .execute();
  const seen = new Set(done.map((row) => row.location_id));
  const fresh = due.filter((run) => !seen.has(run.locationId));
  for (const run of fresh) {
    await send(run, dailyRunId(kind.name, run));
    await db
      .insertInto('job_daily_runs')
      .values({ kind: kind.name, location_id: run.locationId, business_date: run.businessDate, queued_at: now })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return fresh;
}
