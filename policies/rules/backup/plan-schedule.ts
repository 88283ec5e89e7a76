/**
 * The operations plan's backup calendar as checked requirements: an incremental backup every day at the
 * plan's time (`backup.incremental.at`), a full one on the plan's weekday (`backup.full.weekday`), a
 * restore drill and an archive every month. Each is judged on the local calendar of the current year in
 * the time zone of the site the environment runs at (`backup.sites.<site>.timeZone`), so a CronJob whose
 * own `timezone` differs is converted (02:00 UTC is 10:00 in Shanghai); for an environment the plan
 * places at no site, in the CronJob's own zone. A CronJob without `timezone` is never judged here:
 * `gapOfJobs` fails it closed first (it would follow the kube-controller-manager's zone).
 *
 * Stricter schedules pass: extra runs (an incremental at 14:00 as well as at 02:00, a second weekly full)
 * never hide a missing one.
 */
import { WEEKDAYS, type Weekday } from '../../plan/schema';
import { currentYearStart, HOUR_MS, remember, scheduleRuns, type TimedSchedule } from './schedule-gaps';

const DAY_MS = 24 * HOUR_MS;

/** The longest gap a monthly job may leave: 31 days (the longest month) plus a daylight-saving hour. */
export const MAX_MONTH_GAP_HOURS = 31 * 24 + 1;

/** The local calendar year judged: the current UTC year (the year the RPO is computed over). */
export const judgedYear = (now: Date = new Date()): number => currentYearStart(now).getUTCFullYear();

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` and `HH:MM` of an instant in a zone. */
function localParts(instant: number, zone: string): { date: string; time: string } {
  let formatter = formatters.get(zone);
  // Stryker disable next-line ConditionalExpression: a cache; a new formatter formats the same
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, formatter);
  }
  const part: Record<string, string> = {};
  for (const { type, value } of formatter.formatToParts(instant)) part[type] = value;
  return { date: `${part.year}-${part.month}-${part.day}`, time: `${part.hour}:${part.minute}` };
}

const localRunCache = new Map<string, ReadonlyMap<string, ReadonlySet<string>>>();

/** A schedule's runs on the local calendar of `year` in `zone`: date → the times it runs that day. */
function localRuns(timed: TimedSchedule, zone: string, year: number): ReadonlyMap<string, ReadonlySet<string>> {
  return remember(localRunCache, `${timed.schedule}\u0000${timed.timeZone}\u0000${zone}\u0000${year}`, () => {
    // Two days either side cover every zone's offset from UTC.
    const runs = scheduleRuns(timed, new Date(Date.UTC(year, 0, 1) - 2 * DAY_MS), new Date(Date.UTC(year + 1, 0, 1) + 2 * DAY_MS));
    const byDate = new Map<string, Set<string>>();
    const prefix = `${year}-`;
    for (const run of runs) {
      const { date, time } = localParts(run, zone);
      if (!date.startsWith(prefix)) continue;
      let times = byDate.get(date);
      if (!times) byDate.set(date, (times = new Set()));
      times.add(time);
    }
    return byDate;
  });
}

/** Every date of a year as `YYYY-MM-DD`, with its weekday (0 = Sunday). */
function datesOf(year: number): { date: string; weekday: number }[] {
  const dates: { date: string; weekday: number }[] = [];
  for (let day = Date.UTC(year, 0, 1); day < Date.UTC(year + 1, 0, 1); day += DAY_MS) {
    const at = new Date(day);
    dates.push({ date: at.toISOString().slice(0, 10), weekday: at.getUTCDay() });
  }
  return dates;
}

/** Whether the wall-clock time exists on that date in the zone (not skipped by a daylight-saving change). */
function wallTimeExists(date: string, time: string, zone: string): boolean {
  const naive = Date.parse(`${date}T${time}:00Z`);
  // The instant that shows this wall time, for each offset the zone may have around it.
  return [naive - 14 * HOUR_MS, naive + 14 * HOUR_MS].some((probe) => {
    const shown = localParts(probe, zone);
    const offset = Date.parse(`${shown.date}T${shown.time}:00Z`) - probe;
    const local = localParts(naive - offset, zone);
    return local.date === date && local.time === time;
  });
}

/** The zone a schedule is judged in: the site's, else its own. */
const zoneFor = (timed: TimedSchedule, siteZone: string | undefined): string => siteZone ?? timed.timeZone;

/** Dates of the year on which none of the schedules runs at `at` (HH:MM). */
export function datesWithoutRunAt(schedules: readonly TimedSchedule[], at: string, siteZone: string | undefined, year: number = judgedYear()): string[] {
  const local = schedules.map((timed) => ({ runs: localRuns(timed, zoneFor(timed, siteZone), year), zone: zoneFor(timed, siteZone) }));
  return datesOf(year)
    .filter(({ date }) => !local.some(({ runs }) => runs.get(date)?.has(at)))
    .filter(({ date }) => local.length === 0 || local.some(({ zone }) => wallTimeExists(date, at, zone)))
    .map(({ date }) => date);
}

/** Dates of the year that fall on `weekday` and on which none of the schedules runs. */
export function weekdaysWithoutRun(schedules: readonly TimedSchedule[], weekday: Weekday, siteZone: string | undefined, year: number = judgedYear()): string[] {
  const index = WEEKDAYS.indexOf(weekday);
  const local = schedules.map((timed) => localRuns(timed, zoneFor(timed, siteZone), year));
  return datesOf(year)
    .filter((entry) => entry.weekday === index && !local.some((runs) => runs.has(entry.date)))
    .map(({ date }) => date);
}

/** Months of the year (`YYYY-MM`) in which none of the schedules runs. */
export function monthsWithoutRun(schedules: readonly TimedSchedule[], siteZone: string | undefined, year: number = judgedYear()): string[] {
  const ran = new Set(schedules.flatMap((timed) => [...localRuns(timed, zoneFor(timed, siteZone), year).keys()].map((date) => date.slice(0, 7))));
  return Array.from({ length: 12 }, (_, month) => `${year}-${String(month + 1).padStart(2, '0')}`).filter((month) => !ran.has(month));
}

/** `2026-01-04, 2026-01-11 and 50 more` */
export function listDates(dates: readonly string[], shown = 2): string {
  if (dates.length <= shown) return dates.join(' and ');
  return `${dates.slice(0, shown).join(', ')} and ${dates.length - shown} more`;
}
