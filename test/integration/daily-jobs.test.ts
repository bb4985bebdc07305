import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DailyRun } from '../../sync-server/jobs/daily';
import { createTenant } from '../../sync-server/tenants/tenants';
import { databaseKinds, startTestServer, type TestServer } from '../support/test-server';

describe.each(databaseKinds())('a daily job in each location’s time zone on %s', (kind) => {
  let clock = new Date('2026-11-20T04:00:00.000Z');
  let server: TestServer;
  let chicago: string;
  let berlin: string;
  const ran: DailyRun[] = [];

  beforeAll(async () => {
    server = await startTestServer(kind, { app: { now: () => clock, jobs: { pollingIntervalSeconds: 0.5 } } });
    chicago = (await createTenant(server.db.kysely, { name: 'Chicago salon', location: { name: 'Loop', timeZone: 'America/Chicago', currency: 'USD' } }, clock)).locationId;
    berlin = (await createTenant(server.db.kysely, { name: 'Berlin salon', location: { name: 'Mitte', timeZone: 'Europe/Berlin', currency: 'EUR' } }, clock)).locationId;
    server.app.jobs.defineDaily({ name: 'test.morning', run: async (job) => void ran.push(job.data) }, '06:00');
    await server.app.jobs.start();
  });
  afterAll(() => server.close());

  const sorted = (runs: DailyRun[]) => [...runs].sort((a, b) => a.businessDate.localeCompare(b.businessDate) || a.locationId.localeCompare(b.locationId));
  const ranAll = async (count: number) => {
    for (let i = 0; i < 100 && ran.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    return sorted(ran);
  };

  it('runs once per location and business day, at 06:00 on the location’s clock', async () => {
    // 22:00 on the 19th in Chicago (past 06:00), 05:00 on the 20th in Berlin (not yet).
    expect(await server.app.jobs.queueDailyRuns()).toEqual([{ locationId: chicago, businessDate: '2026-11-19' }]);
    clock = new Date('2026-11-20T05:00:00.000Z'); // 06:00 in Berlin
    expect(await server.app.jobs.queueDailyRuns()).toEqual([{ locationId: berlin, businessDate: '2026-11-20' }]);
    expect(await server.app.jobs.queueDailyRuns()).toEqual([]);
    clock = new Date('2026-11-20T11:59:00.000Z'); // 05:59 in Chicago
    expect(await server.app.jobs.queueDailyRuns()).toEqual([]);
    clock = new Date('2026-11-20T12:00:00.000Z');
    expect(await server.app.jobs.queueDailyRuns()).toEqual([{ locationId: chicago, businessDate: '2026-11-20' }]);
    expect(await ranAll(3)).toEqual(sorted([
      { locationId: chicago, businessDate: '2026-11-19' },
      { locationId: berlin, businessDate: '2026-11-20' },
      { locationId: chicago, businessDate: '2026-11-20' },
    ]));
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(ran).toHaveLength(3);
  });
});
