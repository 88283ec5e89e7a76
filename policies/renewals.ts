/**
 * Expiring access and exceptions are renewed ahead of their date, not on it: a break-glass binding, a
 * waiver or the quarterly access review within `RENEWAL_NOTICE_DAYS` of its expiry is reported (severity `low`) so its renewal can go
 * through review before the gate starts blocking on the day after it expires.
 *
 * Why `low` and not `medium`: prod and dr block on `medium`. A `medium` notice would stop every prod
 * deployment — an urgent fix included — for the whole notice period, which is the same as moving every
 * expiry 30 days earlier. The notice must be seen (it is a warning in every gate and is listed in the
 * report summary), not block; the expiry itself still blocks.
 */

/** Days before an expiry from which it is reported. */
export const RENEWAL_NOTICE_DAYS = 30;

/** Rules whose failures are renewal notices (listed together in the report summary). */
export const RENEWAL_RULE_IDS: readonly string[] = ['rbac/break-glass-expiry-soon', 'rbac/access-review-due-soon', 'waiver/renewal-due'];

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A `YYYY-MM-DD` calendar day as UTC midnight in ms, or undefined when it is no such day (2027-02-30). */
export function parseDay(text: string): number | undefined {
  if (!DATE.test(text)) return undefined;
  const time = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== text ? undefined : time;
}

/** Whole days from `today` to `expires` (both `YYYY-MM-DD`); negative once expired. */
export function daysUntilDay(expires: string, today: string): number | undefined {
  const end = parseDay(expires);
  const start = parseDay(today);
  return end === undefined || start === undefined ? undefined : Math.round((end - start) / DAY_MS);
}

/** The day after the last valid one: when the gate starts blocking. */
export function dayAfter(day: string): string {
  const time = parseDay(day);
  return time === undefined ? day : new Date(time + DAY_MS).toISOString().slice(0, 10);
}
