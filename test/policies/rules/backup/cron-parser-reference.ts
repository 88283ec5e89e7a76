import { CronExpressionParser } from 'cron-parser';
import { scheduleRuns } from '../../../../policies/rules/backup/schedule-gaps';

/** scheduleRuns over `days` from `from` lists exactly cron-parser's runs, stepped one by one. */
export const expectRunsAsCronParser = (expression: string, timeZone: string, from: string, days: number) => {
  const start = new Date(from);
  const end = new Date(start.getTime() + days * 24 * 3_600_000);
  const reference: number[] = [];
  const iterator = CronExpressionParser.parse(expression, { tz: timeZone, currentDate: start });
  for (;;) {
    const run = iterator.next().getTime();
    reference.push(run);
    if (run >= end.getTime()) break;
  }
  const ours = [...new Set(scheduleRuns({ schedule: expression, timeZone }, start, end))].sort((a, b) => a - b);
  expect(ours.filter((run) => run <= reference[reference.length - 1]!)).toEqual(reference);
};
