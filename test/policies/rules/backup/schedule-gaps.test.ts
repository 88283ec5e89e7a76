import {
  describeSchedule,
  formatHours,
  formatInZone,
  longestGap,
  nextRuns,
  scheduleProblem,
  scheduleRuns,
} from '../../../../policies/rules/backup/schedule-gaps';
import { expectRunsAsCronParser } from './cron-parser-reference';

/** A fixed year, so DST dates and weekdays are known: 2026 (Jan 1 is a Thursday). */
const YEAR_2026 = new Date(Date.UTC(2026, 0, 1));
const gap = (schedule: string, timeZone = 'Asia/Shanghai', ...more: string[]) =>
  longestGap(
    [schedule, ...more].map((entry) => ({ schedule: entry, timeZone })),
    YEAR_2026,
  );

describe('longestGap: the RPO of cron schedules over a whole year', () => {
  it('daily at 02:00 in Asia/Shanghai (no daylight saving) is exactly 24 h', () => {
    const result = gap('0 2 * * *');
    expect(result.maxGapHours).toBe(24);
    expect(result.runs).toBe(365);
  });

  it('weekday-only schedules leave the weekend uncovered: 72 h', () => {
    const result = gap('0 2 * * 1-5');
    expect(result.maxGapHours).toBe(72);
    expect(formatInZone(result.from!, 'Asia/Shanghai')).toMatch(/02:00 GMT\+8$/);
    expect(new Date(result.from!).getUTCDay()).toBe(4); // Friday 02:00 +08:00 is Thursday 18:00 UTC
  });

  it('the union of schedules counts: weekday incrementals plus a Sunday full still leave 47 h (Fri 02:00 → Sun 01:00)', () => {
    expect(gap('0 2 * * 1-5', 'Asia/Shanghai', '0 1 * * 0').maxGapHours).toBe(47);
    expect(gap('0 2 * * *', 'Asia/Shanghai', '0 1 * * 0').maxGapHours).toBe(24);
  });

  it('ranges, lists and steps', () => {
    expect(gap('0 */6 * * *').maxGapHours).toBe(6);
    expect(gap('30 1-5 * * *').maxGapHours).toBe(20); // 05:30 → 01:30 next day
    expect(gap('0 2,14 * * *').maxGapHours).toBe(12);
    expect(gap('*/15 * * * *').maxGapHours).toBe(0.25);
    expect(gap('* 2 * * *').maxGapHours).toBeCloseTo(23 + 1 / 60, 5); // 02:59 → 02:00 next day
    expect(gap('0 3 1 * *').maxGapHours).toBe(31 * 24);
    expect(gap('0 1 * * 0').maxGapHours).toBe(7 * 24);
    expect(gap('@daily', 'UTC').maxGapHours).toBe(24);
  });

  it('America/New_York: a daily 02:00 run is 25 h after the previous one on the night clocks go back', () => {
    const result = gap('0 2 * * *', 'America/New_York');
    expect(result.maxGapHours).toBe(25);
    expect(formatInZone(result.from!, 'America/New_York')).toBe('2026-10-31 02:00 GMT-4');
    expect(formatInZone(result.to!, 'America/New_York')).toBe('2026-11-01 02:00 GMT-5');
  });

  it('Europe/Berlin: the same 25 h on the last Sunday of October', () => {
    const result = gap('0 2 * * *', 'Europe/Berlin');
    expect(result.maxGapHours).toBe(25);
    expect(formatInZone(result.to!, 'Europe/Berlin')).toBe('2026-10-26 02:00 GMT+1');
  });

  it('a schedule that never runs has an infinite gap instead of throwing', () => {
    expect(gap('0 3 30 2 *').maxGapHours).toBe(Number.POSITIVE_INFINITY);
  });

  it('a gap at the end of the year is closed by the first run of the next year, whichever schedule it is', () => {
    // Only the union's first run after the window closes it (not each schedule's own overshoot).
    expect(gap('0 2 * * *', 'America/New_York', '0 1 * * 0').maxGapHours).toBe(24);
  });

  it('names the first of equally long gaps, and counts the runs inside the year only', () => {
    const result = gap('0 2 * * *');
    expect(formatInZone(result.from!, 'Asia/Shanghai')).toBe('2026-01-02 02:00 GMT+8');
    expect(formatInZone(result.to!, 'Asia/Shanghai')).toBe('2026-01-03 02:00 GMT+8');
    expect(gap('0 3 1 * *').runs).toBe(12);
  });

  it('a run exactly at the end of the year closes its last gap and is not counted in the year', () => {
    // The window runs from 2026-01-01 00:00 UTC (exclusive) to 2027-01-01 00:00 UTC, a run of this schedule:
    // 2 January to 31 December inside, the run at the end closing the last 24 h.
    expect(gap('0 0 * * *', 'UTC')).toMatchObject({ maxGapHours: 24, runs: 364 });
  });

  it('a yearly schedule has one gap of a whole year (its run and the next year’s)', () => {
    const result = gap('0 12 1 1 *', 'UTC');
    expect(result.maxGapHours).toBe(365 * 24);
    expect(result.runs).toBe(1);
  });

  it('a leap-day schedule runs less than twice in the window: no gap to name', () => {
    const result = gap('0 0 29 2 *', 'UTC');
    expect(result).toMatchObject({ maxGapHours: Number.POSITIVE_INFINITY, windowStart: YEAR_2026 });
    expect(result.from).toBeUndefined();
  });

  it('last-day-of-month and nth-weekday schedules (L and #)', () => {
    expect(gap('0 2 L * *').maxGapHours).toBe(31 * 24);
    expect(gap('0 2 L * *').runs).toBe(12);
    expect(gap('0 2 L * *', 'Europe/Berlin').maxGapHours).toBe(31 * 24 + 1); // 30 Sep → 31 Oct across the clock change
    expect(gap('0 2 * * 0#1').maxGapHours).toBe(5 * 7 * 24);
    expect(gap('30 1,3 L * *').runs).toBe(24);
  });
});

describe('scheduleRuns: the runs of a window', () => {
  const daily = { schedule: '0 2 * * *', timeZone: 'Asia/Shanghai' };
  const iso = (runs: readonly number[]) => runs.map((run) => new Date(run).toISOString());

  it('lists the runs after the start (exclusive) up to and including the first at or after the end', () => {
    // 02:00 +08:00 is 18:00 UTC: both ends of the window fall on runs.
    expect(iso(scheduleRuns(daily, new Date('2026-01-01T18:00:00Z'), new Date('2026-01-03T18:00:00Z')))).toEqual([
      '2026-01-02T18:00:00.000Z',
      '2026-01-03T18:00:00.000Z',
    ]);
    expect(iso(scheduleRuns(daily, new Date('2026-01-01T18:00:00Z'), new Date('2026-01-03T17:59:00Z')))).toEqual([
      '2026-01-02T18:00:00.000Z',
      '2026-01-03T18:00:00.000Z',
    ]);
    expect(iso(scheduleRuns({ schedule: '0 2 L * *', timeZone: 'Asia/Shanghai' }, new Date('2026-01-30T18:00:00Z'), new Date('2026-02-27T18:00:00Z')))).toEqual(
      ['2026-02-27T18:00:00.000Z'],
    );
  });

  it('answers each window on its own (the memo is per window)', () => {
    expect(iso(scheduleRuns(daily, new Date('2026-05-01T00:00:00Z'), new Date('2026-05-02T00:00:00Z')))).toEqual([
      '2026-05-01T18:00:00.000Z',
      '2026-05-02T18:00:00.000Z',
    ]);
    expect(iso(scheduleRuns(daily, new Date('2026-05-01T00:00:00Z'), new Date('2026-05-03T00:00:00Z')))).toEqual([
      '2026-05-01T18:00:00.000Z',
      '2026-05-02T18:00:00.000Z',
      '2026-05-03T18:00:00.000Z',
    ]);
    expect(iso(scheduleRuns(daily, new Date('2026-05-02T00:00:00Z'), new Date('2026-05-03T00:00:00Z')))).toEqual([
      '2026-05-02T18:00:00.000Z',
      '2026-05-03T18:00:00.000Z',
    ]);
    expect(iso(scheduleRuns({ ...daily, timeZone: 'UTC' }, new Date('2026-05-02T00:00:00Z'), new Date('2026-05-03T00:00:00Z')))).toEqual([
      '2026-05-02T02:00:00.000Z',
      '2026-05-03T02:00:00.000Z',
    ]);
  });
});

describe('schedule helpers', () => {
  it('rejects what Kubernetes rejects', () => {
    expect(scheduleProblem('0 2 * *')).toMatch(/expected 5 cron fields/);
    expect(scheduleProblem('0 0 2 * * *')).toMatch(/expected 5 cron fields/);
    expect(scheduleProblem('0 25 * * *')).toMatch(/invalid cron schedule/);
    expect(scheduleProblem('0 2 * * *', 'Mars/Olympus')).toMatch(/unknown time zone/);
    expect(scheduleProblem('0 2 * * *', 'Asia/Shanghai')).toBeUndefined();
    expect(scheduleProblem('@weekly')).toBeUndefined();
    expect(scheduleProblem(' 0 2 * * * ', 'UTC')).toBeUndefined();
    expect(scheduleProblem('0 2 * * *')).toBeUndefined();
    expect(scheduleProblem('0 25 * * *')).toMatch(/^invalid cron schedule "0 25 \* \* \*": Kubernetes rejects it \(hour "25"/);
  });

  it('rejects schedules and zones cron-parser takes but kube-apiserver refuses, so no RPO is computed for a job that never exists', () => {
    for (const schedule of ['0 2 L * *', 'H 2 * * *', '0 2 * * 0#1', '0 2 * * 7', '0 2 15W * *']) {
      expect(scheduleProblem(schedule, 'Asia/Shanghai')).toMatch(/Kubernetes rejects it/);
    }
    expect(scheduleProblem('0 2 * * *', 'asia/shanghai')).toMatch(/canonical IANA time zone name "Asia\/Shanghai"/);
  });

  it('puts hours into short figures, whole days from three days on', () => {
    expect(formatHours(24)).toBe('24 h');
    expect(formatHours(48)).toBe('48 h');
    expect(formatHours(72)).toBe('72 h (3 days)');
    expect(formatHours(73)).toBe('73 h');
    expect(formatHours(744)).toBe('744 h (31 days)');
    expect(formatHours(23 + 1 / 60)).toBe('23.02 h');
    expect(formatHours(Number.POSITIVE_INFINITY)).toBe('∞ (runs less than twice a year)');
  });

  it('leaves a schedule it cannot put into words as written', () => {
    expect(describeSchedule('every night')).toBe('every night');
    expect(describeSchedule(' 0 2 * * * ')).toBe('At 02:00');
  });

  it('puts schedules into words and lists the next runs in the zone', () => {
    expect(describeSchedule('0 2 * * *')).toBe('At 02:00');
    expect(describeSchedule('0 1 * * 0')).toBe('At 01:00, only on Sunday');
    const runs = nextRuns({ schedule: '0 1 * * 0', timeZone: 'Asia/Shanghai' }, 2, YEAR_2026).map((run) => formatInZone(run, 'Asia/Shanghai'));
    expect(runs).toEqual(['2026-01-04 01:00 GMT+8', '2026-01-11 01:00 GMT+8']);
  });

  it('lists the runs strictly after the instant asked for, to the second (next runs are memoized per minute)', () => {
    const daily = { schedule: '0 2 * * *', timeZone: 'Asia/Shanghai' };
    const at = (iso: string) => nextRuns(daily, 1, new Date(iso)).map((run) => formatInZone(run, 'Asia/Shanghai'));
    expect(at('2026-03-10T01:59:59+08:00')).toEqual(['2026-03-10 02:00 GMT+8']);
    expect(at('2026-03-10T02:00:00+08:00')).toEqual(['2026-03-11 02:00 GMT+8']);
    expect(at('2026-03-10T02:00:30+08:00')).toEqual(['2026-03-11 02:00 GMT+8']);
    expect(at('2026-03-10T01:59:30+08:00')).toEqual(['2026-03-10 02:00 GMT+8']);
    expect(nextRuns(daily, 3, new Date('2026-03-10T01:59:30+08:00'))).toHaveLength(3);
  });

  it('memoizes next runs per schedule and zone: the same minute in another zone has its own runs', () => {
    const at = new Date('2026-03-10T01:59:30+08:00');
    const shanghai = nextRuns({ schedule: '0 2 * * *', timeZone: 'Asia/Shanghai' }, 1, at);
    const utc = nextRuns({ schedule: '0 2 * * *', timeZone: 'UTC' }, 1, at);
    const hourly = nextRuns({ schedule: '0 * * * *', timeZone: 'Asia/Shanghai' }, 1, at);
    expect([shanghai, utc, hourly].map((runs) => runs.map((run) => run.toISOString()))).toEqual([
      ['2026-03-09T18:00:00.000Z'],
      ['2026-03-10T02:00:00.000Z'],
      ['2026-03-09T18:00:00.000Z'],
    ]);
    expect(nextRuns({ schedule: '0 2 * * *', timeZone: 'UTC' }, 2, at).map((run) => run.toISOString())).toEqual([
      '2026-03-10T02:00:00.000Z',
      '2026-03-11T02:00:00.000Z',
    ]);
  });

  it('lists fewer next runs for a schedule that never fires', () => {
    expect(nextRuns({ schedule: '0 3 30 2 *', timeZone: 'UTC' }, 2, YEAR_2026)).toEqual([]);
  });
});

describe('scheduleRuns agrees with cron-parser stepping run by run', () => {
  // Random schedules, zones and windows are compared with cron-parser in schedule-gaps.property.test.ts (full suite).
  // Cases a random schedule rarely hits, each where the two walks could part from cron-parser.
  it.each([
    ['an L schedule with minutes past the hour, twice a day', '15,45 1,23 L * *', 'UTC', '2026-01-01T00:00:00Z', 70],
    ['a # schedule with two runs on the spring-forward day', '0 1,3 * * 0#2', 'America/New_York', '2026-03-01T00:00:00Z', 14],
    ['a window opening exactly at a run on the spring-forward day', '0 1,3 * * 0#2', 'America/New_York', '2026-03-08T06:00:00Z', 10],
    ['a window opening a minute before the last run of the 25-hour day', '0,59 0,23 * * 0#1', 'America/New_York', '2026-11-02T04:58:00Z', 40],
    ['a window opening late on an L day whose first run was 22.5 h before', '0 0,23 L * *', 'UTC', '2026-03-31T22:30:00Z', 40],
    ['two runs around the skipped hour on the last Sunday of March', '0 0,2 * * 0L', 'Europe/Berlin', '2026-03-01T00:00:00Z', 40],
    ['a clock change late in the UTC day (Anchorage, 11:00 UTC)', '0 3 * * *', 'America/Anchorage', '2026-03-01T00:00:00Z', 14],
    ['a clock change early in the UTC day (Auckland, 14:00 UTC the day before)', '0 1 * * *', 'Pacific/Auckland', '2026-03-30T00:00:00Z', 14],
    ['a run in the first hour of the 25-hour day', '30 0 * * *', 'America/New_York', '2026-10-28T00:00:00Z', 7],
    ['a half-hour offset ahead of UTC', '0 2 * * *', 'Asia/Kolkata', '2026-03-01T00:00:00Z', 7],
    ['a half-hour offset behind UTC, across its clock change', '0 2 * * *', 'America/St_Johns', '2026-03-01T00:00:00Z', 14],
  ])('%s: %s in %s', (_case, expression, timeZone, from, days) => expectRunsAsCronParser(expression, timeZone, from, days));

  it('an impossible schedule (30 February) has no runs', () => {
    expect(scheduleRuns({ schedule: '0 0 30 2 *', timeZone: 'UTC' }, YEAR_2026, new Date(Date.UTC(2027, 0, 1)))).toEqual([]);
  });
});
