import { describe, expect, it } from 'vitest';
import { dailyRunId, dueDailyRuns } from '../../sync-server/jobs/daily';

const chicago = { id: 'chi', time_zone: 'America/Chicago' };
const tokyo = { id: 'tyo', time_zone: 'Asia/Tokyo' };
const due = (instant: string, at = '06:00') => dueDailyRuns(new Date(instant), [chicago, tokyo], at);
const inChicago = (instant: string, at = '06:00') => dueDailyRuns(new Date(instant), [chicago], at).map((run) => run.businessDate);

describe('daily jobs in each location’s time zone', () => {
  it('is due from the local time on the local business day, not UTC’s', () => {
    // 05:59 and 06:00 in Chicago (CST, UTC-6); Tokyo's evening of the same day is past 06:00.
    expect(due('2026-11-20T11:59:00Z')).toEqual([{ locationId: 'tyo', businessDate: '2026-11-20' }]);
    expect(due('2026-11-20T12:00:00Z')).toEqual([{ locationId: 'chi', businessDate: '2026-11-20' }, { locationId: 'tyo', businessDate: '2026-11-20' }]);
    // 05:30 in Tokyo (UTC+9): not yet; Chicago's day is still the 19th, past 06:00.
    expect(due('2026-11-19T20:30:00Z')).toEqual([{ locationId: 'chi', businessDate: '2026-11-19' }]);
  });

  it('keeps 06:00 local across the daylight-saving change', () => {
    expect(inChicago('2026-03-07T11:59:00Z')).toEqual([]);
    expect(inChicago('2026-03-07T12:00:00Z')).toEqual(['2026-03-07']);
    // After the clocks went forward on March 8, 06:00 CDT is 11:00 UTC.
    expect(inChicago('2026-03-09T10:59:00Z')).toEqual([]);
    expect(inChicago('2026-03-09T11:00:00Z')).toEqual(['2026-03-09']);
    // 02:30 does not exist on March 8 in Chicago: the run comes an hour later, at 03:30 CDT (08:30 UTC).
    expect(inChicago('2026-03-08T08:29:00Z', '02:30')).toEqual([]);
    expect(inChicago('2026-03-08T08:30:00Z', '02:30')).toEqual(['2026-03-08']);
  });

  it('names one run of a kind, location and day with one job id', () => {
    const run = { locationId: 'chi', businessDate: '2026-11-20' };
    expect(dailyRunId('billing', run)).toBe(dailyRunId('billing', { ...run }));
    expect(new Set([dailyRunId('billing', run), dailyRunId('reminders', run), dailyRunId('billing', { ...run, businessDate: '2026-11-21' })]).size).toBe(3);
  });
});
