/**
 * scheduleRuns and nextRuns against cron-parser on random schedules, zones and windows (full suite: the
 * unit tier keeps the hand-picked cases in schedule-gaps.test.ts).
 */
import { CronExpressionParser } from 'cron-parser';
import fc from 'fast-check';
import { nextRuns } from '../../../../policies/rules/backup/schedule-gaps';
import { expectRunsAsCronParser } from './cron-parser-reference';

describe('scheduleRuns agrees with cron-parser stepping run by run', () => {
  const list = (min: number, max: number) =>
    fc.oneof(
      fc.constant('*'),
      fc.uniqueArray(fc.integer({ min, max }), { minLength: 1, maxLength: 3 }).map((values) => values.sort((a, b) => a - b).join(',')),
      fc.tuple(fc.integer({ min, max }), fc.integer({ min: 0, max: 5 })).map(([from, span]) => `${from}-${Math.min(max, from + span)}`),
      fc.integer({ min: 2, max: 6 }).map((step) => `*/${step}`),
    );
  const schedule = fc
    .tuple(
      fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { minLength: 1, maxLength: 2 }).map((values) => values.sort((a, b) => a - b).join(',')),
      list(0, 23),
      list(1, 31),
      fc.constant('*'),
      list(0, 6),
    )
    .map((fields) => fields.join(' '));
  const zone = fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'UTC');
  // Windows around daylight-saving changes (March, October/November and April in the south).
  const window = fc.constantFrom('2026-03-01T00:00:00Z', '2026-03-25T00:00:00Z', '2026-10-20T00:00:00Z', '2026-04-01T00:00:00Z');

  it('over 12-day windows spanning daylight-saving changes', () => {
    fc.assert(
      fc.property(schedule, zone, window, (expression, timeZone, from) => expectRunsAsCronParser(expression, timeZone, from, 12)),
      { numRuns: 40, seed: 20261126 },
    );
  });

  // Schedules with L or # in the day fields are stepped through cron-parser day by day.
  const lastOrNth = fc
    .tuple(
      fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { minLength: 1, maxLength: 2 }).map((values) => values.sort((a, b) => a - b).join(',')),
      list(0, 23),
      fc.oneof(
        fc.constant('L'),
        fc.integer({ min: 1, max: 28 }).map((day) => `${day},L`),
        fc.constant('*'),
      ),
      fc.oneof(
        fc.constant('*'),
        fc.integer({ min: 0, max: 6 }).map((day) => `${day}L`),
        fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 4 })).map(([day, nth]) => `${day}#${nth}`),
      ),
    )
    .filter(([, , dom, dow]) => (dom === '*') !== (dow === '*'))
    .map(([minute, hour, dom, dow]) => `${minute} ${hour} ${dom} * ${dow}`);
  // 40-day windows over the spring and autumn clock changes (last Sundays of March and October in Europe),
  // and one opening in the middle of a matching day (31 March is an L day): its later runs count.
  const monthWindow = fc.constantFrom('2026-03-01T00:00:00Z', '2026-10-01T00:00:00Z', '2026-03-20T00:00:00Z', '2026-03-31T10:00:00Z');

  it('with L and # in the day fields, over 40-day windows spanning daylight-saving changes', () => {
    fc.assert(
      fc.property(lastOrNth, zone, monthWindow, (expression, timeZone, from) => expectRunsAsCronParser(expression, timeZone, from, 40)),
      { numRuns: 30, seed: 20261126 },
    );
  });

  // nextRuns looks on the calendar in growing windows before falling back to cron-parser: sparse
  // schedules (one month a year, the 31st, L and #) must come out as cron-parser's own next runs.
  const sparse = fc.oneof(
    schedule,
    lastOrNth,
    fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 12 }))
      .map(([hour, day, month]) => `0 ${hour} ${day} ${month} *`),
    fc.integer({ min: 0, max: 23 }).map((hour) => `30 ${hour} 31 * *`),
  );
  const instant = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true });

  it('nextRuns: the same next runs as cron-parser, from any instant', () => {
    fc.assert(
      fc.property(sparse, zone, instant, fc.integer({ min: 1, max: 4 }), (expression, timeZone, from, count) => {
        const iterator = CronExpressionParser.parse(expression, { tz: timeZone, currentDate: from });
        const reference = Array.from({ length: count }, () => iterator.next().getTime());
        expect(nextRuns({ schedule: expression, timeZone }, count, from).map((run) => run.getTime())).toEqual(reference);
      }),
      { numRuns: 60, seed: 20261126 },
    );
  });
});
