/**
 * What a cron schedule means for recovery: the longest time between two consecutive runs (the
 * worst-case recovery point when a failure happens just before a run), computed in the schedule's
 * time zone over a whole year, so weekday-only schedules, monthly gaps and daylight-saving changes
 * (a daily 02:00 run is 25 h apart on the night clocks go back) all show up.
 *
 * cron-parser parses and validates the schedule (the five-field syntax and IANA zones the Kubernetes
 * CronJob controller accepts) and decides the runs on days whose UTC offset changes; the other days are
 * walked on the calendar for speed (calendarRunInstants, checked against cron-parser by a property
 * test); cronstrue puts schedules into words for the report.
 */
import { CronExpressionParser } from 'cron-parser';
import { kubernetesCronProblem, kubernetesTimeZoneProblem } from '../../kubernetes-cron';
import cronstrue from 'cronstrue';

export const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const YEAR_DAYS = 365;

export interface TimedSchedule {
  readonly schedule: string;
  readonly timeZone: string;
}

export interface ScheduleGap {
  /** Longest time between consecutive runs, in hours (Infinity when the schedules run less than twice a year). */
  readonly maxGapHours: number;
  /** The run that opens the longest gap and the one that closes it (undefined when there are fewer than two runs). */
  readonly from?: Date;
  readonly to?: Date;
  /** Runs counted in the window. */
  readonly runs: number;
  /** First instant of the analysed year. */
  readonly windowStart: Date;
}

/** The first instant of the current UTC year: the default window, so a report is stable for a year. */
export const currentYearStart = (now: Date = new Date()): Date => new Date(Date.UTC(now.getUTCFullYear(), 0, 1));

/**
 * Why a schedule is unusable, or undefined when it is a valid five-field schedule (or descriptor).
 * cron-parser alone also accepts four or six fields, which Kubernetes rejects.
 */
export function scheduleProblem(schedule: string, timeZone?: string): string | undefined {
  // Several rules and the report ask about the same few schedules; cron-parser's parse is the costly part.
  return remember(problemCache, `${schedule}\u0000${timeZone ?? ''}`, () => findScheduleProblem(schedule, timeZone));
}

const problemCache = new Map<string, string | undefined>();

/**
 * The memo every schedule helper uses: an estate repeats the same few schedules, so a few hundred
 * entries suffice; the oldest is dropped beyond that, which bounds memory in a long-lived process.
 */
export function remember<V>(cache: Map<string, V>, key: string, compute: () => V): V {
  // Stryker disable next-line ConditionalExpression: a memo; computing the value again gives the same value
  if (cache.has(key)) return cache.get(key) as V;
  const value = compute();
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the bound limits memory only; evicting earlier, later or never gives the same values
  if (cache.size >= MEMO_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

const MEMO_LIMIT = 500;

function findScheduleProblem(schedule: string, timeZone?: string): string | undefined {
  const trimmed = schedule.trim();
  if (!trimmed.startsWith('@') && trimmed.split(/\s+/).length !== 5) return `expected 5 cron fields, got "${schedule}"`;
  // The zone and fields Kubernetes accepts come first: cron-parser also takes `asia/shanghai`, L, W, # and
  // H, which kube-apiserver rejects, so the job would never be created however good its runs look.
  const zoneProblem = timeZone === undefined ? undefined : kubernetesTimeZoneProblem(timeZone);
  if (zoneProblem) return `unknown time zone "${timeZone}": ${zoneProblem}`;
  const dialectProblem = kubernetesCronProblem(trimmed);
  if (dialectProblem) return `invalid cron schedule "${schedule}": Kubernetes rejects it (${dialectProblem})`;
  try {
    CronExpressionParser.parse(trimmed); // whether the fields are valid does not depend on the zone
    return undefined;
  } catch (error) {
    return `invalid cron schedule "${schedule}" (${(error as Error).message})`;
  }
}

/** A part the formatter was asked for (it always yields the parts of its options). */
const partOf = (parts: readonly Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string => parts.find((entry) => entry.type === type)!.value;

/** Wall-clock hour and minute of an instant in a zone, and its UTC offset as text (`GMT+08:00`). */
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(instant: number, timeZone: string): { hour: number; minute: number; offset: string } {
  let formatter = zoneFormatters.get(timeZone);
  // Stryker disable next-line ConditionalExpression: a cache; a new formatter formats the same
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset' });
    zoneFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  return { hour: Number(partOf(parts, 'hour')), minute: Number(partOf(parts, 'minute')), offset: partOf(parts, 'timeZoneName') };
}

/**
 * Fallback for schedules calendarRunInstants leaves to cron-parser (L or # in the day fields): every run
 * instant from `start` (exclusive) until the first run at or after `end`, stepping cron-parser once per
 * matching day (minute and hour collapsed to their first values, the day's other runs added as fixed
 * offsets) and run by run on days whose UTC offset changes.
 */
function computeRunInstants(timed: TimedSchedule, fields: CronFields, start: Date, end: number): number[] {
  // cron-parser keeps each field's values sorted and never empty.
  const minutes = fields.minute.values;
  const hours = fields.hour.values;
  const firstMinute = minutes[0]!;
  const firstHour = hours[0]!;
  // Minutes after the day's first run, ascending (hour-major, like the values).
  const offsets = hours.flatMap((hour) => minutes.map((minute) => (hour - firstHour) * 60 + (minute - firstMinute)));
  const lastOffset = offsets[offsets.length - 1]!;
  // From a day (and a clock change) before `start`: a day whose first run is before `start` can have later runs after it.
  const daily = CronExpressionParser.parse(collapseTimeFields(fields, firstMinute, firstHour), {
    tz: timed.timeZone,
    currentDate: new Date(start.getTime() - DAY_MS - 2 * HOUR_MS),
  });
  const runs: number[] = [];
  for (;;) {
    let first: number;
    try {
      first = daily.next().getTime();
    } catch {
      break;
    }
    const clock = wallClock(first, timed.timeZone);
    const steady =
      clock.hour === firstHour && clock.minute === firstMinute && clock.offset === wallClock(first + (lastOffset + 1) * MINUTE_MS, timed.timeZone).offset;
    if (steady) {
      for (const offset of offsets) if (first + offset * MINUTE_MS > start.getTime()) runs.push(first + offset * MINUTE_MS);
    } else {
      // A UTC-offset change on this day: let cron-parser place each run (duplicates are removed later).
      const exact = CronExpressionParser.parse(timed.schedule, { tz: timed.timeZone, currentDate: new Date(first - 3 * HOUR_MS) });
      for (;;) {
        const run = exact.next().getTime();
        if (run > first + (lastOffset + 60) * MINUTE_MS) break;
        if (run > start.getTime()) runs.push(run);
      }
    }
    if (first >= end) break;
  }
  return runs;
}

/**
 * Memoized: an estate repeats the same few schedules (every store's "0 2 * * *"), and several rules
 * and the report ask for the same year.
 */
const runCache = new Map<string, readonly number[]>();

function runInstants(timed: TimedSchedule, start: Date, end: number): readonly number[] {
  const key = `${timed.schedule}\u0000${timed.timeZone}\u0000${start.getTime()}\u0000${end}`;
  return remember(runCache, key, () => {
    let fields: CronFields;
    try {
      fields = CronExpressionParser.parse(timed.schedule).fields;
    } catch {
      return []; // an impossible schedule (30 February) never runs; callers report scheduleProblem() first
    }
    return calendarRunInstants(timed, fields, start, end) ?? computeRunInstants(timed, fields, start, end);
  });
}

/** A schedule's parsed fields (cron-parser trims the schedule itself). */
type CronFields = ReturnType<typeof CronExpressionParser.parse>['fields'];

const DAY_MS = 24 * HOUR_MS;
const MAX_DAYS = 5 * 366;

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
/** `YYYY-MM-DD` of an instant in a zone. */
function localDateOf(instant: number, timeZone: string): string {
  let formatter = dateFormatters.get(timeZone);
  // Stryker disable next-line ConditionalExpression: a cache; a new formatter formats the same
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}

/** UTC offset in minutes of a zone at an instant. */
function offsetMinutes(instant: number, timeZone: string): number {
  const text = wallClock(instant, timeZone).offset; // "GMT", "GMT+08:00", "GMT-04:00"
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(text);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/**
 * The same runs as computeRunInstants, found by walking the calendar: cron-parser parses and validates
 * the fields, and its day rule (day-of-month OR day-of-week when both are restricted) is applied here
 * day by day, with the zone's offset from Intl. Hand-written because stepping cron-parser costs
 * 0.1–3 ms a run (luxon), i.e. seconds per year-long schedule under jest. Days on which the UTC offset
 * changes, and schedules with L or # (rare in backups), are left to cron-parser itself. A property
 * test checks both paths agree.
 */
function calendarRunInstants(timed: TimedSchedule, fields: CronFields, start: Date, end: number): number[] | undefined {
  if (fields.dayOfMonth.hasLastChar || fields.dayOfWeek.hasLastChar || (fields.dayOfWeek as { nthDay?: number }).nthDay) return undefined;
  // cron-parser keeps each field's values sorted.
  const minutes = fields.minute.values;
  const hours = fields.hour.values;
  const wallMinutes = hours.flatMap((hour) => minutes.map((minute) => hour * 60 + minute));
  const months = new Set([...fields.month.values].map(Number));
  const daysOfMonth = new Set([...fields.dayOfMonth.values].map(Number));
  const daysOfWeek = new Set([...fields.dayOfWeek.values].map((day) => Number(day) % 7));
  const domWildcard = fields.dayOfMonth.isWildcard;
  const dowWildcard = fields.dayOfWeek.isWildcard;
  const dayMatches = (date: Date): boolean => {
    if (!months.has(date.getUTCMonth() + 1)) return false;
    const dom = daysOfMonth.has(date.getUTCDate());
    const dow = daysOfWeek.has(date.getUTCDay());
    if (!domWildcard && !dowWildcard) return dom || dow;
    return dowWildcard ? dom : dow;
  };

  // Local calendar days as UTC-midnight "naive" dates, from the day before `start` (zones run ahead of UTC).
  let day = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()) - DAY_MS;
  const runs: number[] = [];
  // A bound on the walk: a valid schedule runs at least once in four years (29 February), so a year-long
  // window always reaches its closing run within it; a longer window (nextRuns' 400 days) may stop short
  // and yield fewer runs, and nextRuns then asks cron-parser.
  // Stryker disable next-line EqualityOperator,UpdateOperator: one day more, or no bound, gives every caller the same runs
  for (let count = 0; count < MAX_DAYS; count++, day += DAY_MS) {
    const date = new Date(day);
    if (!dayMatches(date)) continue;
    const before = offsetMinutes(day - 14 * HOUR_MS, timed.timeZone);
    const after = offsetMinutes(day + DAY_MS + 14 * HOUR_MS, timed.timeZone);
    let dayRuns: number[];
    if (before === after) {
      dayRuns = wallMinutes.map((wall) => day + (wall - before) * MINUTE_MS);
    } else {
      // The offset changes around this day: let cron-parser place each run of the local day.
      dayRuns = [];
      const localDate = date.toISOString().slice(0, 10);
      const earliest = day - Math.max(before, after) * MINUTE_MS - MINUTE_MS;
      const latest = day + DAY_MS - Math.min(before, after) * MINUTE_MS;
      const exact = CronExpressionParser.parse(timed.schedule, { tz: timed.timeZone, currentDate: new Date(earliest) });
      for (;;) {
        const run = exact.next().getTime();
        if (run >= latest) break;
        if (localDateOf(run, timed.timeZone) === localDate) dayRuns.push(run);
      }
    }
    const later = dayRuns.filter((run) => run > start.getTime());
    runs.push(...later);
    if (later.some((run) => run >= end)) break;
  }
  return runs;
}

/** The schedule `minute hour dom month dow` with its minute and hour fields replaced. */
function collapseTimeFields(fields: CronFields, minute: number, hour: number): string {
  // stringify() without seconds yields the five fields, separated by single spaces.
  const [, , ...days] = fields.stringify().split(' ');
  return [minute, hour, ...days].join(' ');
}

/** Every run of a schedule after `start` (exclusive) up to and including the first one at or after `end`. */
export function scheduleRuns(timed: TimedSchedule, start: Date, end: Date): readonly number[] {
  return runInstants(timed, start, end.getTime());
}

/**
 * Longest gap between consecutive runs of the union of the schedules (every run is a recovery
 * point), over the 365 days from `start`, closing with the first run after that year.
 */
export function longestGap(schedules: readonly TimedSchedule[], start: Date = currentYearStart()): ScheduleGap {
  const end = start.getTime() + YEAR_DAYS * 24 * HOUR_MS;
  const all = schedules.flatMap((timed) => runInstants(timed, start, end));
  // Runs inside the year, closed by the union's first run after it (each schedule overshoots by one run).
  const after = all.filter((run) => run >= end);
  const inside = all.filter((run) => run < end);
  const closing = after.length > 0 ? [Math.min(...after)] : [];
  const runs = [...new Set([...inside, ...closing])].sort((a, b) => a - b);
  if (runs.length < 2) return { maxGapHours: Number.POSITIVE_INFINITY, runs: runs.length, windowStart: start };
  let best = 0;
  let bestIndex = 1;
  for (let index = 1; index < runs.length; index++) {
    const gap = runs[index]! - runs[index - 1]!;
    if (gap > best) {
      best = gap;
      bestIndex = index;
    }
  }
  return {
    maxGapHours: best / HOUR_MS,
    from: new Date(runs[bestIndex - 1]!),
    to: new Date(runs[bestIndex]!),
    runs: runs.filter((run) => run < end).length,
    windowStart: start,
  };
}

/**
 * Memoized per minute: every environment's report lists the next runs of the same few schedules, and
 * cron-parser's time-zone arithmetic (luxon) is the costly part. Cron has minute resolution, so the
 * runs after any instant equal those after the start of its minute.
 */
const nextRunsCache = new Map<string, readonly number[]>();

/** The next `count` runs after `from`. */
export function nextRuns(timed: TimedSchedule, count: number, from: Date = new Date()): Date[] {
  const minute = Math.floor(from.getTime() / MINUTE_MS) * MINUTE_MS;
  const key = `${timed.schedule}\u0000${timed.timeZone}\u0000${count}\u0000${minute}`;
  return remember(nextRunsCache, key, () => computeNextRuns(timed, count, new Date(minute))).map((run) => new Date(run));
}

/** Windows in which to look for the next runs on the calendar before asking cron-parser. */
const NEXT_RUN_WINDOWS_DAYS = [8, 64, 400];

function computeNextRuns(timed: TimedSchedule, count: number, from: Date): number[] {
  // The calendar walk (memoized per window) is far cheaper than stepping cron-parser through luxon. A
  // window that yields too few runs falls through to the next one and finally to cron-parser: mutants
  // that make a window miss (a shorter or empty window, no window at all) or re-sort the runs the walk
  // already returns in order give the same runs. The property test below compares with cron-parser.
  // Stryker disable all
  for (const days of NEXT_RUN_WINDOWS_DAYS) {
    const found = [...new Set(runInstants(timed, from, from.getTime() + days * DAY_MS))].sort((a, b) => a - b);
    if (found.length >= count) return found.slice(0, count);
  }
  // Stryker restore all
  const runs: number[] = [];
  try {
    const expression = CronExpressionParser.parse(timed.schedule, { tz: timed.timeZone, currentDate: from });
    for (let index = 0; index < count; index++) runs.push(expression.next().getTime());
  } catch {
    // fewer runs exist (a schedule that never fires)
  }
  return runs;
}

/** A schedule in words (24-hour clock), e.g. "At 02:00, every day". */
export function describeSchedule(schedule: string): string {
  return remember(scheduleWords, schedule, () => {
    try {
      return cronstrue.toString(schedule, { use24HourTimeFormat: true, throwExceptionOnParseError: true });
    } catch {
      return schedule;
    }
  });
}

/** Every environment's report describes the same few schedules. */
const scheduleWords = new Map<string, string>();

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than formatting with it. */
const instantFormatters = new Map<string, Intl.DateTimeFormat>();

/** `2026-11-29 02:00 GMT+8`: an instant as wall-clock time in a zone, with its offset. */
export function formatInZone(instant: Date, timeZone: string): string {
  let formatter = instantFormatters.get(timeZone);
  // Stryker disable next-line ConditionalExpression: a cache; a new formatter formats the same
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'shortOffset',
    });
    instantFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string => partOf(parts, type);
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
}

/** Hours as a short figure: `24 h`, `25 h`, `47 h`, `∞`. */
export function formatHours(hours: number): string {
  if (!Number.isFinite(hours)) return '∞ (runs less than twice a year)';
  const rounded = Math.round(hours * 100) / 100;
  return rounded >= 72 && Number.isInteger(rounded / 24) ? `${rounded} h (${rounded / 24} days)` : `${rounded} h`;
}
