/**
 * Figures every report format shares (counts, gate verdict, framework coverage), computed once here so
 * the Markdown, HTML, JSON and text reports can never disagree with each other.
 */
import { SEVERITIES, type ControlMappings, type Finding, type FindingStatus, type RuleMetadata, type Severity } from '../model';
import { stringify as stringifyYaml } from 'yaml';
import { controlTitle, OPERATIONS_PLAN_SECTIONS } from '../frameworks';
import type { OperationsPlan } from '../plan/schema';
import { DEFAULT_GATE } from '../gate';
import { RENEWAL_NOTICE_DAYS, RENEWAL_RULE_IDS } from '../renewals';
import type { ComplianceReport, FixtureOutcome, ManualControl, RuleEvidence } from './model';

export interface StatusCounts {
  passed: number;
  failed: number;
  waived: number;
  notApplicable: number;
}

export const emptyCounts = (): StatusCounts => ({ passed: 0, failed: 0, waived: 0, notApplicable: 0 });

const COUNT_KEY: Record<FindingStatus, keyof StatusCounts> = {
  pass: 'passed',
  fail: 'failed',
  waived: 'waived',
  'not-applicable': 'notApplicable',
};

export function addToCounts(counts: StatusCounts, status: FindingStatus): void {
  counts[COUNT_KEY[status]] += 1;
}

export function countStatuses(findings: readonly Finding[]): StatusCounts {
  const counts = emptyCounts();
  for (const finding of findings) addToCounts(counts, finding.status);
  return counts;
}

export function blockingSeveritiesFor(report: ComplianceReport, environment: string): readonly Severity[] {
  const gate = report.gate ?? DEFAULT_GATE;
  return (gate.environments?.[environment] ?? gate.default).blockOn;
}

/** The gate's rule (same as `policies/gate.ts`): an unwaived failure whose severity blocks in its environment. */
export function isBlocking(report: ComplianceReport, finding: Finding): boolean {
  return finding.status === 'fail' && blockingSeveritiesFor(report, finding.environment).includes(finding.severity);
}

export function blockingFindings(report: ComplianceReport): Finding[] {
  return sortFindings(
    report,
    report.findings.filter((finding) => isBlocking(report, finding)),
  );
}

/** The environments to show: the declared ones first, then any that only appear in findings. */
export function reportEnvironments(report: ComplianceReport): string[] {
  const seen = new Set(report.environments);
  const extra = new Set<string>();
  for (const finding of report.findings) if (!seen.has(finding.environment)) extra.add(finding.environment);
  return [...report.environments, ...[...extra].sort()];
}

export interface EnvironmentSummary {
  readonly environment: string;
  readonly counts: StatusCounts;
  readonly blocking: number;
  /** Unwaived failures that only warn. */
  readonly warnings: number;
}

export function environmentSummaries(report: ComplianceReport): EnvironmentSummary[] {
  const byEnvironment = new Map<string, { counts: StatusCounts; blocking: number; warnings: number }>();
  for (const environment of reportEnvironments(report)) byEnvironment.set(environment, { counts: emptyCounts(), blocking: 0, warnings: 0 });
  for (const finding of report.findings) {
    const entry = byEnvironment.get(finding.environment)!;
    addToCounts(entry.counts, finding.status);
    if (finding.status === 'fail') {
      if (isBlocking(report, finding)) entry.blocking += 1;
      else entry.warnings += 1;
    }
  }
  return [...byEnvironment].map(([environment, entry]) => ({ environment, ...entry }));
}

export function severityCounts(findings: readonly Finding[]): Record<Severity, StatusCounts> {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, emptyCounts()])) as Record<Severity, StatusCounts>;
  for (const finding of findings) addToCounts(counts[finding.severity], finding.status);
  return counts;
}

export type GateVerdict = 'pass' | 'blocked';

export function gateVerdict(report: ComplianceReport): GateVerdict {
  return report.findings.some((finding) => isBlocking(report, finding)) ? 'blocked' : 'pass';
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };
const STATUS_RANK: Record<FindingStatus, number> = { fail: 0, waived: 1, pass: 2, 'not-applicable': 3 };

/** Environment (declared order), then worst status, worst severity, rule and resource: the order people read. */
export function sortFindings(report: ComplianceReport, findings: readonly Finding[]): Finding[] {
  const environmentRank = new Map(reportEnvironments(report).map((environment, index) => [environment, index]));
  return [...findings].sort(
    (a, b) =>
      (environmentRank.get(a.environment) ?? 0) - (environmentRank.get(b.environment) ?? 0) ||
      STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.resource.localeCompare(b.resource),
  );
}

/**
 * A rule's or clause's overall state: the worst of its results. `unproven`: a section of the operations
 * plan that no rule and no manual control covers.
 */
export type CoverageStatus = 'fail' | 'unproven' | 'waived' | 'pass' | 'not-applicable' | 'not-evaluated' | 'manual';

export function worstStatus(counts: StatusCounts): CoverageStatus {
  if (counts.failed > 0) return 'fail';
  if (counts.waived > 0) return 'waived';
  if (counts.passed > 0) return 'pass';
  if (counts.notApplicable > 0) return 'not-applicable';
  return 'not-evaluated';
}

export interface RuleSummary {
  readonly rule: RuleMetadata;
  readonly counts: StatusCounts;
  readonly status: CoverageStatus;
}

export function ruleSummaries(report: ComplianceReport): RuleSummary[] {
  const countsByRule = new Map<string, StatusCounts>();
  for (const finding of report.findings) {
    let counts = countsByRule.get(finding.ruleId);
    if (!counts) countsByRule.set(finding.ruleId, (counts = emptyCounts()));
    addToCounts(counts, finding.status);
  }
  return [...report.rules]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((rule) => {
      const counts = countsByRule.get(rule.id) ?? emptyCounts();
      return { rule, counts, status: worstStatus(counts) };
    });
}

export type FrameworkKey = keyof ControlMappings;

export const FRAMEWORKS: readonly { readonly key: FrameworkKey; readonly name: string; readonly shortName: string }[] = [
  { key: 'mlps', name: 'MLPS 2.0 Level 3 (GB/T 22239-2019)', shortName: 'MLPS 2.0' },
  { key: 'hipaa', name: 'HIPAA Security Rule (45 CFR 164)', shortName: 'HIPAA' },
  { key: 'pipl', name: 'Personal Information Protection Law (PIPL)', shortName: 'PIPL' },
  { key: 'operationsPlan', name: 'Hospital operations plan', shortName: 'Operations plan' },
];

export function clausesOf(controls: Partial<ControlMappings>, key: FrameworkKey): readonly string[] {
  const value = controls[key];
  if (value === undefined || value === '') return [];
  return typeof value === 'string' ? [value] : value;
}

export interface ClauseCoverage {
  readonly clause: string;
  /** The clause's title from the framework catalogue (`policies/frameworks/`), when known. */
  readonly title?: string;
  readonly rules: readonly { readonly id: string; readonly title: string; readonly status: CoverageStatus }[];
  readonly manualControls: readonly Pick<ManualControl, 'id' | 'title'>[];
  readonly status: CoverageStatus;
  /** The operations plan's values its rules judge against (`planKeys`), when the report carries the plan. */
  readonly plan?: readonly PlanValue[];
}

export interface PlanValue {
  /** Key path in `policies/plan.yaml`. */
  readonly key: string;
  /** The value as the report shows it (YAML flow style for lists and maps). */
  readonly value: string;
}

/** The value at a key path of the plan, shown in one line; `undefined` when the path names nothing. */
export function planValue(plan: OperationsPlan, key: string): string | undefined {
  let value: unknown = plan;
  for (const part of key.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return typeof value === 'string' ? value : stringifyYaml(value, { collectionStyle: 'flow', lineWidth: 0 }).trim();
}

export interface FrameworkCoverage {
  readonly key: FrameworkKey;
  readonly name: string;
  readonly shortName: string;
  readonly clauses: readonly ClauseCoverage[];
  /** Findings on rules mapped to this framework. */
  readonly counts: StatusCounts;
  /** Number of clauses per overall status. */
  readonly clauseStatus: Readonly<Record<CoverageStatus, number>>;
}

const COVERAGE_RANK: Record<CoverageStatus, number> = { fail: 0, unproven: 1, waived: 2, pass: 3, manual: 4, 'not-applicable': 5, 'not-evaluated': 6 };

/** Framework → clause → rules (with their status) and manual controls. */
export function frameworkCoverage(report: ComplianceReport): FrameworkCoverage[] {
  const summaries = ruleSummaries(report);
  return FRAMEWORKS.map(({ key, name, shortName }) => {
    const clauses = new Map<string, { rules: RuleSummary[]; manual: ManualControl[] }>();
    const entry = (clause: string) => {
      let value = clauses.get(clause);
      if (!value) clauses.set(clause, (value = { rules: [], manual: [] }));
      return value;
    };
    const counts = emptyCounts();
    for (const summary of summaries) {
      const mapped = clausesOf(summary.rule.controls, key);
      for (const clause of mapped) entry(clause).rules.push(summary);
      if (mapped.length > 0) {
        counts.passed += summary.counts.passed;
        counts.failed += summary.counts.failed;
        counts.waived += summary.counts.waived;
        counts.notApplicable += summary.counts.notApplicable;
      }
    }
    for (const control of report.manualControls) for (const clause of clausesOf(control.controls, key)) entry(clause).manual.push(control);
    // Every section of the plan is listed: one that nothing covers is shown as unproven, never left out.
    if (key === 'operationsPlan') for (const section of Object.keys(OPERATIONS_PLAN_SECTIONS)) entry(section);

    const clauseStatus: Record<CoverageStatus, number> = { fail: 0, unproven: 0, waived: 0, pass: 0, manual: 0, 'not-applicable': 0, 'not-evaluated': 0 };
    const coverage = [...clauses]
      .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
      .map(([clause, { rules, manual }]): ClauseCoverage => {
        let status: CoverageStatus = rules.length === 0 ? (manual.length === 0 ? 'unproven' : 'manual') : 'not-evaluated';
        for (const rule of rules) if (COVERAGE_RANK[rule.status] < COVERAGE_RANK[status]) status = rule.status;
        if (rules.length > 0 && manual.length > 0 && (status === 'not-applicable' || status === 'not-evaluated')) status = 'manual';
        clauseStatus[status] += 1;
        return {
          clause,
          title: controlTitle(key, clause),
          rules: rules.map((rule) => ({ id: rule.rule.id, title: rule.rule.title, status: rule.status })),
          manualControls: manual.map(({ id, title }) => ({ id, title })),
          status,
          ...(report.plan ? { plan: planValuesOf(report.plan, rules) } : {}),
        };
      });
    return { key, name, shortName, clauses: coverage, counts, clauseStatus };
  });
}

function planValuesOf(plan: OperationsPlan, rules: readonly RuleSummary[]): PlanValue[] {
  const keys = [...new Set(rules.flatMap((summary) => summary.rule.planKeys ?? []))];
  return keys.map((key) => ({ key, value: planValue(plan, key) ?? '(not in the plan)' }));
}

/** Whole days from the report's date to a waiver's expiry (negative once expired). */
export function daysUntil(expires: string, generatedAt: string): number | undefined {
  const end = Date.parse(`${expires.slice(0, 10)}T00:00:00Z`);
  const start = Date.parse(`${generatedAt.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(end) || Number.isNaN(start)) return undefined;
  return Math.round((end - start) / 86_400_000);
}

/** A waiver due within this many days is flagged so someone renews or fixes it before the gate blocks. */
export const WAIVER_EXPIRY_WARNING_DAYS = RENEWAL_NOTICE_DAYS;

/**
 * Break-glass bindings and waivers within the notice period of their expiry (`policies/renewals.ts`):
 * what someone must renew before the gate blocks, soonest first. They warn; they never block by default.
 */
export function renewalsDue(report: ComplianceReport): Finding[] {
  const due = report.findings.filter((finding) => finding.status === 'fail' && RENEWAL_RULE_IDS.includes(finding.ruleId));
  const daysOf = (finding: Finding): number => (typeof finding.details?.days === 'number' ? finding.details.days : Number.MAX_SAFE_INTEGER);
  return [...due].sort((a, b) => daysOf(a) - daysOf(b) || a.environment.localeCompare(b.environment) || a.resource.localeCompare(b.resource));
}

export function formatControls(controls: Partial<ControlMappings>): string {
  return FRAMEWORKS.map(({ key, shortName }) => {
    const clauses = clausesOf(controls, key);
    return clauses.length > 0 ? `${shortName}: ${clauses.join(', ')}` : '';
  })
    .filter(Boolean)
    .join('; ');
}

export function defaultTool(report: ComplianceReport): { name: string; version: string; informationUri?: string } {
  return report.tool ?? { name: 'hospital-platform-policies', version: '0.1.0' };
}

const VERB: Readonly<Record<FixtureOutcome['expects'], string>> = { pass: 'passes', fail: 'fails', skip: 'skips' };

/** A fixture as the fixture test names it (`fails: privileged init container`), marked when it did not behave as declared. */
export const fixtureLabel = (fixture: Pick<FixtureOutcome, 'expects' | 'name'> & Partial<FixtureOutcome>): string =>
  `${VERB[fixture.expects]}: ${fixture.name}${fixture.result && fixture.result !== 'as-declared' ? ` (${fixture.result})` : ''}`;

/** A rule's fixture evidence as one line: the summary, then every fixture by name (what an auditor asks for). */
export function evidenceLine(evidence: RuleEvidence | undefined): string {
  if (!evidence) return 'no fixture results';
  const names = evidence.fixtures.map(fixtureLabel);
  return `${evidence.summary} (${evidence.source})${names.length > 0 ? ` — ${names.join(' | ')}` : ''}`;
}

/** Whether the evidence proves the rule: every fixture ran as declared against the current rules. */
export const evidenceProves = (evidence: RuleEvidence | undefined): boolean => evidence?.state === 'as-declared';
