/**
 * The cron dialect Kubernetes accepts for CronJob schedules: robfig/cron v3's standard parser (five
 * fields or a descriptor), which kube-apiserver validates and kube-controller-manager runs.
 *
 * Written by hand because no JavaScript cron library parses this dialect: cron-parser (which computes
 * the runs) also accepts `L`, `W`, `#`, `H`, a seconds field and 7 for Sunday, none of which Kubernetes
 * takes, so a schedule must pass this grammar before cron-parser's runs mean anything.
 */

/** Shorthands the standard parser accepts (`@every` is not one: kube-apiserver rejects it). */
export const CRON_DESCRIPTORS: ReadonlySet<string> = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

interface FieldRule {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly FieldRule[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 6, names: WEEKDAYS },
];

/** Why Kubernetes would reject the schedule, or undefined when it accepts it. */
export function kubernetesCronProblem(schedule: string): string | undefined {
  const trimmed = schedule.trim();
  if (trimmed.startsWith('@'))
    return CRON_DESCRIPTORS.has(trimmed) ? undefined : `"${trimmed}" is not a descriptor Kubernetes accepts (${[...CRON_DESCRIPTORS].join(', ')})`;
  if (/^(CRON_)?TZ=/.test(trimmed)) return 'a time zone in the schedule (TZ=) is rejected by Kubernetes: set the CronJob time zone instead';
  const fields = trimmed.split(/\s+/);
  if (fields.length !== 5) return `expected 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`;
  for (let index = 0; index < FIELDS.length; index++) {
    const problem = fieldProblem(fields[index]!, FIELDS[index]!);
    if (problem) return `${FIELDS[index]!.name} "${fields[index]}": ${problem}`;
  }
  return undefined;
}

function fieldProblem(field: string, rule: FieldRule): string | undefined {
  for (const item of field.split(',')) {
    const [range, step, ...rest] = item.split('/');
    if (rest.length > 0 || range === undefined || range === '') return 'expected a value, range or step';
    if (step !== undefined && !/^\d+$/.test(step)) return `step "${step}" is not a number`;
    if (step !== undefined && Number(step) === 0) return 'a step of 0 never runs';
    if (range === '*' || range === '?') continue;
    const bounds = range.split('-');
    if (bounds.length > 2) return `"${range}" is not a range`;
    const values: number[] = [];
    for (const bound of bounds) {
      const value = valueOf(bound, rule);
      if (value === undefined) {
        const accepted = `${rule.min}-${rule.max}${rule.names ? ` or ${rule.names[0]}-${rule.names[rule.names.length - 1]}` : ''}`;
        return `"${bound}" is not accepted by Kubernetes in this field (${accepted}; L, W, #, H and 7 for Sunday are not supported)`;
      }
      values.push(value);
    }
    if (values.length === 2 && values[0]! > values[1]!) return `range "${range}" runs backwards`;
  }
  return undefined;
}

function valueOf(text: string, rule: FieldRule): number | undefined {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    return value >= rule.min && value <= rule.max ? value : undefined;
  }
  const index = rule.names?.indexOf(text.toUpperCase()) ?? -1;
  return index >= 0 ? index + rule.min : undefined;
}

/**
 * Why Kubernetes would reject a CronJob `timeZone`, or undefined when it accepts it. Intl accepts any
 * case and some aliases (`asia/shanghai`), but kube-apiserver looks the name up case-sensitively in Go's
 * tz database, so only the canonical spelling passes.
 */
export function kubernetesTimeZoneProblem(name: string): string | undefined {
  let canonical: string;
  try {
    canonical = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return `expected an IANA time zone such as "Asia/Shanghai", got "${name}"`;
  }
  return canonical === name
    ? undefined
    : `expected the canonical IANA time zone name "${canonical}" (Kubernetes reads time zones case-sensitively), got "${name}"`;
}
