/**
 * The plan's backup calendar on the local clock of the site: a run at the plan's time every day, a run
 * on the plan's weekday every week, a run in every month. Figures for a fixed year (2026, whose
 * 1 January is a Thursday; Europe/Berlin moves its clocks on 29 March and 25 October).
 */
import { datesWithoutRunAt, listDates, monthsWithoutRun, weekdaysWithoutRun } from '../../../../policies/rules/backup/plan-schedule';

const shanghai = (schedule: string, timeZone = 'Asia/Shanghai') => ({ schedule, timeZone });

describe('the plan’s backup calendar', () => {
  it('a daily run at the plan’s time leaves no day out; another time leaves every day out', () => {
    expect(datesWithoutRunAt([shanghai('0 2 * * *')], '02:00', 'Asia/Shanghai', 2026)).toEqual([]);
    expect(datesWithoutRunAt([shanghai('0 14 * * *')], '02:00', 'Asia/Shanghai', 2026)).toHaveLength(365);
    expect(datesWithoutRunAt([shanghai('0 2 * * 1-5')], '02:00', 'Asia/Shanghai', 2026).slice(0, 2)).toEqual(['2026-01-03', '2026-01-04']);
  });

  it('converts a schedule in another zone to the site’s clock', () => {
    expect(datesWithoutRunAt([shanghai('0 18 * * *', 'UTC')], '02:00', 'Asia/Shanghai', 2026)).toEqual([]);
    expect(datesWithoutRunAt([shanghai('0 2 * * *', 'UTC')], '02:00', 'Asia/Shanghai', 2026)).toHaveLength(365);
    // Without a site, each schedule is judged in its own zone.
    expect(datesWithoutRunAt([shanghai('0 2 * * *', 'UTC')], '02:00', undefined, 2026)).toEqual([]);
  });

  it('unions the schedules, and does not ask for a time the clocks skip', () => {
    expect(datesWithoutRunAt([shanghai('0 2 * * 1-5'), shanghai('0 2 * * 0,6')], '02:00', 'Asia/Shanghai', 2026)).toEqual([]);
    expect(datesWithoutRunAt([shanghai('30 2 * * *', 'Europe/Berlin')], '02:30', 'Europe/Berlin', 2026)).toEqual([]);
    expect(datesWithoutRunAt([], '02:00', 'Asia/Shanghai', 2026)).toHaveLength(365);
  });

  it('finds the weekdays without a run', () => {
    expect(weekdaysWithoutRun([shanghai('0 1 * * 0')], 'Sunday', 'Asia/Shanghai', 2026)).toEqual([]);
    expect(weekdaysWithoutRun([shanghai('0 1 * * 1')], 'Sunday', 'Asia/Shanghai', 2026)).toHaveLength(52);
    expect(weekdaysWithoutRun([shanghai('0 1 * * 1')], 'Monday', 'Asia/Shanghai', 2026)).toEqual([]);
    // Sunday 20:00 UTC is Monday 04:00 in Shanghai.
    expect(weekdaysWithoutRun([shanghai('0 20 * * 0', 'UTC')], 'Sunday', 'Asia/Shanghai', 2026)[0]).toBe('2026-01-04');
    expect(weekdaysWithoutRun([shanghai('0 1 1 * *')], 'Thursday', 'Asia/Shanghai', 2026)).toHaveLength(51);
  });

  it('finds the months without a run, on the site’s calendar', () => {
    expect(monthsWithoutRun([shanghai('0 10 1 * *')], 'Asia/Shanghai', 2026)).toEqual([]);
    expect(monthsWithoutRun([shanghai('0 10 30 * *')], 'Asia/Shanghai', 2026)).toEqual(['2026-02']);
    expect(monthsWithoutRun([shanghai('0 6 1 */3 *')], 'Asia/Shanghai', 2026)).toEqual([
      '2026-02',
      '2026-03',
      '2026-05',
      '2026-06',
      '2026-08',
      '2026-09',
      '2026-11',
      '2026-12',
    ]);
    // 1 January 06:00 in Shanghai is 31 December 22:00 UTC: it counts for January at the site.
    expect(monthsWithoutRun([shanghai('0 22 31 12 *', 'UTC')], 'Asia/Shanghai', 2026)).toEqual([
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
  });

  it('lists dates briefly', () => {
    expect(listDates([])).toBe('');
    expect(listDates(['2026-01-04'])).toBe('2026-01-04');
    expect(listDates(['2026-01-04', '2026-01-11'])).toBe('2026-01-04 and 2026-01-11');
    expect(listDates(['2026-01-04', '2026-01-11', '2026-01-18', '2026-01-25'])).toBe('2026-01-04, 2026-01-11 and 2 more');
  });
});
