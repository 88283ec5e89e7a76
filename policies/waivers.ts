/**
 * Waivers: reasoned, approved, time-boxed exceptions read from a YAML file. A valid waiver turns a
 * matching failure into `waived` (it stays visible); an expired or malformed one is itself a blocking
 * finding of the pseudo-rule `waiver/valid`.
 */
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { compileGlob, MAX_GLOB_LENGTH } from './glob';
import { InputError } from './inputs/errors';
import {
  excessiveNesting,
  firstAliasLine,
  isAliasBomb,
  MAX_CONFIG_BYTES,
  MAX_YAML_ALIASES,
  NESTING_MESSAGE,
  readRegularFile,
  UnusableFileError,
  yamlSizeProblem,
} from './inputs/read-file';
import type { Finding, RuleMetadata } from './model';
import { dayAfter, daysUntilDay, RENEWAL_NOTICE_DAYS } from './renewals';

export const WAIVER_RULE: RuleMetadata = {
  id: 'waiver/valid',
  profile: 'generic',
  title: 'Waivers are well-formed, approved and not expired',
  severity: 'critical',
  rationale:
    'An exception to a security control is acceptable only while it is justified, approved by a named person and time-boxed; an expired or incomplete waiver is an unreviewed exception.',
  remediation:
    'Fix the waiver entry (rule, resource pattern, environment, a reason of at least 20 characters, approver, expiry at most one year ahead), renew it with a new approval, or remove it and fix the finding.',
  resourceTypes: [],
  controls: {
    mlps: ['8.1.7.3', '8.1.10.10'],
    hipaa: ['164.308(a)(1)(ii)(B)', '164.308(a)(8)'],
    operationsPlan: 'ops-9.2',
  },
};

/**
 * The advance notice of an expiring waiver: `waiver/valid` blocks from the day after a waiver expires;
 * this pseudo-rule says so `RENEWAL_NOTICE_DAYS` ahead, as a `low` finding that blocks nowhere (see
 * policies/renewals.ts for why not `medium`).
 */
export const WAIVER_RENEWAL_RULE: RuleMetadata = {
  id: 'waiver/renewal-due',
  profile: 'generic',
  title: `Waivers are renewed or retired before they expire (notice ${RENEWAL_NOTICE_DAYS} days ahead)`,
  severity: 'low',
  rationale:
    'On the day after a waiver expires it becomes a blocking `waiver/valid` finding and the finding it covered blocks again; renewing needs a new approval (or the finding fixed), which must start before that day.',
  remediation:
    'Fix the waived finding and remove the waiver, or renew it: a new `expires` (at most one year ahead) with the approver’s fresh approval, by a reviewed change to the waivers file.',
  resourceTypes: [],
  controls: WAIVER_RULE.controls,
};

export const MIN_REASON_LENGTH = 20;

export interface Waiver {
  readonly rule: string;
  /** Glob on the Terraform address: `*` any characters, `?` one character. */
  readonly resource: string;
  /** Environment name, or `*` for every environment. */
  readonly environment: string;
  readonly reason: string;
  readonly approver: string;
  /** `YYYY-MM-DD`; the waiver holds through that day (UTC). */
  readonly expires: string;
  /** Position in the file (`waivers[3]`), used as the finding's resource. */
  readonly location: string;
}

export interface WaiverProblem {
  readonly location: string;
  readonly environment: string;
  readonly message: string;
  /** `expired`: well-formed but past its date; `invalid`: anything else. */
  readonly kind: 'expired' | 'invalid';
  /** The entry's fields as written, when it was a mapping. */
  readonly entry?: Readonly<Record<string, unknown>>;
}

export interface WaiverSet {
  readonly file: string;
  readonly waivers: readonly Waiver[];
  readonly problems: readonly WaiverProblem[];
  /** The day the expiries were judged against (`YYYY-MM-DD`); renewal notices are reported when set. */
  readonly today?: string;
}

const waiverSchema = z.object({
  rule: z.string().trim().min(1, 'rule: required'),
  resource: z
    .string()
    .trim()
    .min(1, 'resource: required (a glob on the Terraform address)')
    .max(MAX_GLOB_LENGTH, `resource: a glob of at most ${MAX_GLOB_LENGTH} characters`),
  environment: z.string().trim().min(1, 'environment: required (a name or "*")'),
  reason: z.string().trim().min(MIN_REASON_LENGTH, `reason: at least ${MIN_REASON_LENGTH} characters`),
  approver: z.string().trim().min(1, 'approver: required'),
  expires: z.union([z.string(), z.date()]).transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value.trim())),
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const day = (date: Date): string => date.toISOString().slice(0, 10);
/** `YYYY-MM-DD` naming a real day (2027-02-30 is not). */
const isCalendarDate = (text: string): boolean => DATE.test(text) && !Number.isNaN(Date.parse(text)) && day(new Date(`${text}T00:00:00Z`)) === text;

/**
 * Whether a resource pattern waives a rule for any resource rather than named ones: it leaves the
 * resource type or the start of the resource name open (`*`, `kubernetes_*`, `kubernetes_deployment_v1.*`).
 * `kubernetes_daemon_set_v1.intrusion-detection_suricata_*` names its resources (CDKTF's hash suffix).
 */
export function isBlanketPattern(pattern: string): boolean {
  const dot = pattern.indexOf('.');
  if (dot < 0) return true;
  const type = pattern.slice(0, dot);
  const name = pattern.slice(dot + 1);
  return /[*?]/.test(type) || name === '' || name.startsWith('*') || name.startsWith('?');
}

/**
 * Validates waiver entries; problems are collected, never thrown (they become blocking findings).
 * `criticalRuleIds`: rules a waiver may silence only for named resources (blanket waivers of them are refused).
 */
export function parseWaivers(text: string, file: string, now: Date, knownRuleIds?: ReadonlySet<string>, criticalRuleIds?: ReadonlySet<string>): WaiverSet {
  let document: unknown;
  try {
    document = parseWaiverYaml(text, file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    return {
      file,
      waivers: [],
      problems: [{ location: 'waivers', environment: '*', kind: 'invalid', message: `invalid YAML: ${(error as Error).message.split('\n')[0]}` }],
    };
  }
  const entries = Array.isArray(document) ? document : (document as { waivers?: unknown } | null)?.waivers;
  if (document === null || document === undefined || (entries === undefined && typeof document === 'object' && Object.keys(document as object).length === 0)) {
    return { file, waivers: [], problems: [] };
  }
  if (!Array.isArray(entries)) {
    return { file, waivers: [], problems: [{ location: 'waivers', environment: '*', kind: 'invalid', message: 'expected a list under `waivers:`' }] };
  }
  const today = day(now);
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + 1);
  const waivers: Waiver[] = [];
  const problems: WaiverProblem[] = [];
  entries.forEach((entry, index) => {
    const location = `waivers[${index}]`;
    const fields = entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? (entry as Record<string, unknown>) : undefined;
    const environment = typeof fields?.environment === 'string' ? fields.environment : '*';
    const problem = (kind: WaiverProblem['kind'], message: string): void => {
      problems.push({ location, environment, kind, message, ...(fields ? { entry: fields } : {}) });
    };
    const parsed = waiverSchema.safeParse(entry);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => (issue.code === 'invalid_type' ? `${issue.path.join('.') || 'entry'}: required` : issue.message));
      problem('invalid', `malformed waiver: ${[...new Set(issues)].join('; ')}`);
      return;
    }
    const waiver = { ...parsed.data, location };
    const subject = `waiver for ${waiver.rule} on ${waiver.resource} (${waiver.environment})`;
    if (!isCalendarDate(waiver.expires)) {
      problem('invalid', `malformed ${subject}: expires: expected a date YYYY-MM-DD, got "${waiver.expires}"`);
    } else if (waiver.expires < today) {
      problem('expired', `${subject} expired on ${waiver.expires}`);
    } else if (waiver.expires > day(latest)) {
      problem('invalid', `${subject} expires ${waiver.expires}, more than one year ahead (latest ${day(latest)})`);
    } else if (knownRuleIds && !knownRuleIds.has(waiver.rule)) {
      problem('invalid', `${subject}: unknown rule "${waiver.rule}"`);
    } else if (criticalRuleIds?.has(waiver.rule) && isBlanketPattern(waiver.resource)) {
      problem('invalid', `${subject}: a critical rule may be waived only for named resources (type.name-prefix*), not for every resource`);
    } else {
      waivers.push(waiver);
    }
  });
  return { file, waivers, problems, today };
}

/**
 * Waiver YAML → data. A syntax error is thrown as an Error (it becomes a blocking `waiver/valid`
 * finding, like any malformed waiver); a file beyond the input limits (too many entries, an alias bomb,
 * nesting) is unusable input (InputError, exit 2), as it is for every other file.
 */
function parseWaiverYaml(text: string, file: string): unknown {
  const tooLarge = yamlSizeProblem(text);
  if (tooLarge) throw new InputError(file, tooLarge);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) throw new Error(document.errors[0]!.message);
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    if (!isAliasBomb(error)) throw error;
    throw new InputError(
      `${file}:${firstAliasLine(document, lineCounter) ?? 1}`,
      `aliases expand to too many values (more than ${MAX_YAML_ALIASES} per alias)`,
    );
  }
  const deep = excessiveNesting(data);
  if (deep !== undefined) throw new InputError(file, NESTING_MESSAGE, deep);
  return data;
}

/** Reads a waiver file; a missing, unreadable, non-regular or oversized file is unusable input. */
export function loadWaivers(file: string, now: Date, knownRuleIds?: ReadonlySet<string>, criticalRuleIds?: ReadonlySet<string>): WaiverSet {
  let text: string;
  try {
    text = readRegularFile(file, { maxBytes: MAX_CONFIG_BYTES });
  } catch (error) {
    if (!(error instanceof UnusableFileError)) throw error;
    throw new InputError(file, error.code === 'ENOENT' ? 'waiver file not found or unreadable' : error.reason);
  }
  return parseWaivers(text, file, now, knownRuleIds, criticalRuleIds);
}

/** Marks matching failures as waived and adds one `waiver/valid` finding per waiver entry. */
export function applyWaivers(findings: readonly Finding[], set: WaiverSet): Finding[] {
  const matchers = set.waivers.map((waiver) => ({ waiver, matches: compileGlob(waiver.resource) }));
  const out: Finding[] = findings.map((finding) => {
    if (finding.status !== 'fail') return finding;
    const match = matchers.find(
      ({ waiver, matches }) =>
        waiver.rule === finding.ruleId && (waiver.environment === '*' || waiver.environment === finding.environment) && matches(finding.resource),
    );
    if (!match) return finding;
    const { reason, approver, expires } = match.waiver;
    return { ...finding, status: 'waived', waiver: { reason, approver, expires } };
  });
  const base = { ruleId: WAIVER_RULE.id, severity: WAIVER_RULE.severity, file: set.file, controls: WAIVER_RULE.controls };
  for (const waiver of set.waivers) {
    out.push({
      ...base,
      status: 'pass',
      resource: waiver.location,
      environment: waiver.environment,
      message: `waiver for ${waiver.rule} on ${waiver.resource} valid until ${waiver.expires}, approved by ${waiver.approver}: ${waiver.reason}`,
    });
  }
  for (const problem of set.problems) {
    out.push({ ...base, status: 'fail', resource: problem.location, environment: problem.environment, message: problem.message });
  }
  if (set.today) out.push(...renewalNotices(set.waivers, set.file, set.today));
  return out;
}

/** One `waiver/renewal-due` failure per valid waiver within the notice period of its expiry. */
function renewalNotices(waivers: readonly Waiver[], file: string, today: string): Finding[] {
  const base = { ruleId: WAIVER_RENEWAL_RULE.id, severity: WAIVER_RENEWAL_RULE.severity, file, controls: WAIVER_RENEWAL_RULE.controls };
  return waivers.flatMap((waiver): Finding[] => {
    const days = daysUntilDay(waiver.expires, today);
    if (days === undefined || days < 0 || days > RENEWAL_NOTICE_DAYS) return [];
    return [
      {
        ...base,
        status: 'fail',
        resource: waiver.location,
        environment: waiver.environment,
        message: `waiver for ${waiver.rule} on ${waiver.resource} expires ${waiver.expires}, in ${days} day${days === 1 ? '' : 's'}: renew it with a new approval or fix the finding; from ${dayAfter(waiver.expires)} it blocks`,
        details: { expires: waiver.expires, days },
      },
    ];
  });
}
