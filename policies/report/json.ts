/**
 * compliance.json: the machine-readable report. `summary` and `findings` keep exactly the shape of
 * `npm run check --format json` so one parser reads both; everything else is added beside them.
 */
import type { Finding } from '../model';
import type { ComplianceReport } from './model';
import {
  blockingSeveritiesFor,
  countStatuses,
  defaultTool,
  environmentSummaries,
  frameworkCoverage,
  gateVerdict,
  isBlocking,
  reportEnvironments,
  ruleSummaries,
  sortFindings,
  type StatusCounts,
} from './summary';

export interface CheckJsonFinding {
  readonly ruleId: string;
  readonly severity: Finding['severity'];
  readonly status: Finding['status'];
  readonly resource: string;
  readonly environment: string;
  readonly file: string;
  readonly message: string;
  readonly controls: Finding['controls'];
}

export interface CheckJson {
  readonly summary: StatusCounts;
  readonly findings: readonly CheckJsonFinding[];
}

/** The `check --format json` contract, key for key. */
export function toCheckJsonFinding(finding: Finding): CheckJsonFinding {
  const { ruleId, severity, status, resource, environment, file, message, controls } = finding;
  return { ruleId, severity, status, resource, environment, file, message, controls };
}

export function buildJsonReport(report: ComplianceReport) {
  const findings = sortFindings(report, report.findings);
  const sections: Record<string, { title: string; environment?: string; data?: unknown }[]> = {};
  for (const section of report.sections) {
    (sections[section.id] ??= []).push({ title: section.title, environment: section.environment, data: section.data });
  }
  return {
    summary: countStatuses(findings),
    findings: findings.map(toCheckJsonFinding),
    generatedAt: report.generatedAt,
    tool: defaultTool(report),
    gate: {
      verdict: gateVerdict(report),
      blockingSeverities: Object.fromEntries(reportEnvironments(report).map((environment) => [environment, blockingSeveritiesFor(report, environment)])),
      blocking: findings.filter((finding) => isBlocking(report, finding)).map(({ ruleId, environment, resource }) => ({ ruleId, environment, resource })),
    },
    environments: environmentSummaries(report),
    waived: findings.filter((finding) => finding.waiver).map(({ ruleId, environment, resource, waiver }) => ({ ruleId, environment, resource, ...waiver })),
    rules: ruleSummaries(report).map(({ rule, counts, status }) => ({
      id: rule.id,
      title: rule.title,
      severity: rule.severity,
      rationale: rule.rationale,
      remediation: rule.remediation,
      resourceTypes: rule.resourceTypes,
      controls: rule.controls,
      status,
      counts,
      evidence: report.ruleEvidence[rule.id] ?? null,
    })),
    frameworks: frameworkCoverage(report),
    waivers: report.waivers,
    manualControls: report.manualControls,
    sections,
  };
}

export function renderJson(report: ComplianceReport): string {
  return `${JSON.stringify(buildJsonReport(report), null, 2)}\n`;
}
