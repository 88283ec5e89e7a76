/**
 * Builds a `ComplianceReport` from what the engine produces (findings, the loaded `WaiverSet`, the
 * manual-control catalogue, the rules' fixture results, the gate configuration), so `cli/check.ts` and
 * `pipeline/gate.ts` assemble reports the same way.
 */
import type { GateConfig } from '../gate';
import type { Finding, RuleMetadata } from '../model';
import { compileGlob } from '../glob';
import { WAIVER_RENEWAL_RULE, WAIVER_RULE, type WaiverSet } from '../waivers';
import type { ComplianceReport, ManualControl, RuleEvidence, WaiverRecord } from './model';
import type { ReportSection } from './sections';

export interface ReportInput {
  readonly generatedAt: Date | string;
  readonly environments: readonly string[];
  readonly rules: readonly RuleMetadata[];
  readonly findings: readonly Finding[];
  readonly waivers?: WaiverSet;
  readonly manualControls?: readonly ManualControl[];
  readonly sections?: readonly ReportSection[];
  /** Keyed by rule id (`policies/rules/evidence.ts`). */
  readonly evidence?: Readonly<Record<string, RuleEvidence>>;
  readonly gate?: GateConfig;
  readonly plan?: ComplianceReport['plan'];
  readonly tool?: ComplianceReport['tool'];
}

/**
 * Every waiver entry with its state: valid ones are `active` when they waived at least one finding and
 * `unused` otherwise; entries the engine rejected are `expired` or `invalid`, with its message.
 */
export function waiverRecords(set: WaiverSet, findings: readonly Finding[]): WaiverRecord[] {
  const waived = findings.filter((finding) => finding.status === 'waived' && finding.waiver);
  const records: WaiverRecord[] = set.waivers.map((waiver) => {
    const matches = compileGlob(waiver.resource);
    const used = waived.some(
      (finding) =>
        finding.ruleId === waiver.rule &&
        (waiver.environment === '*' || waiver.environment === finding.environment) &&
        matches(finding.resource) &&
        finding.waiver!.expires === waiver.expires &&
        finding.waiver!.approver === waiver.approver,
    );
    const { rule, resource, environment, reason, approver, expires } = waiver;
    return { rule, resource, environment, reason, approver, expires, status: used ? 'active' : 'unused', file: set.file };
  });
  for (const problem of set.problems) {
    records.push({
      rule: '',
      resource: problem.location,
      environment: problem.environment,
      reason: '',
      approver: '',
      expires: / expired on (\d{4}-\d{2}-\d{2})/.exec(problem.message)?.[1] ?? '',
      status: / expired on /.test(problem.message) ? 'expired' : 'invalid',
      problem: problem.message,
      file: set.file,
    });
  }
  return records;
}

export function buildComplianceReport(input: ReportInput): ComplianceReport {
  const rules = [...input.rules];
  // The engine reports waiver problems and renewal notices under pseudo-rules; describe them like any other rule.
  for (const pseudo of [WAIVER_RULE, WAIVER_RENEWAL_RULE]) {
    if (input.findings.some((finding) => finding.ruleId === pseudo.id) && !rules.some((rule) => rule.id === pseudo.id)) rules.push(pseudo);
  }
  return {
    generatedAt: typeof input.generatedAt === 'string' ? input.generatedAt : input.generatedAt.toISOString(),
    environments: input.environments,
    rules,
    findings: input.findings,
    waivers: input.waivers ? waiverRecords(input.waivers, input.findings) : [],
    manualControls: input.manualControls ?? [],
    sections: input.sections ?? [],
    ruleEvidence: input.evidence ?? {},
    gate: input.gate,
    plan: input.plan,
    tool: input.tool,
  };
}
