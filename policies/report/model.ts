/**
 * What every report writer reads: one run of the policy engine with everything an auditor needs beside
 * the findings (rules, waivers, manual controls, contributed sections, and the tests that prove each rule).
 * The engine (or `cli/check.ts`, `pipeline/gate.ts`) assembles it; the writers under `policies/report/` only render it.
 */
import type { GateConfig } from '../gate';
import type { ControlMappings, Finding, RuleMetadata } from '../model';
import type { OperationsPlan } from '../plan/schema';
import type { ReportSection } from './sections';

export const REPORT_FORMATS = ['text', 'json', 'md', 'html', 'sarif', 'junit', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * `active`: valid and in force; `expired`: past its expiry date; `invalid`: malformed (short reason,
 * expiry more than a year ahead, missing approver…); `unused`: valid but matched no failing finding.
 * Expired and invalid waivers are also reported by the engine as blocking findings.
 */
export type WaiverStatus = 'active' | 'expired' | 'invalid' | 'unused';

export interface WaiverRecord {
  readonly rule: string;
  /** The resource pattern as written in the waivers file (glob on the Terraform address). */
  readonly resource: string;
  readonly environment: string;
  readonly reason: string;
  readonly approver: string;
  /** ISO date `YYYY-MM-DD`. */
  readonly expires: string;
  readonly status: WaiverStatus;
  /** Why the waiver is invalid, when it is. */
  readonly problem?: string;
  /** The waivers file it came from. */
  readonly file?: string;
}

/** A control no code can prove (VPN two-factor, API-server encryption config, training, vendor SLAs…). */
export interface ManualControl {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  /** The clauses it covers; same shape as a rule's mappings, every framework optional. */
  readonly controls: Partial<ControlMappings>;
  /** What the auditor collects as evidence (documents, screenshots, exports). */
  readonly evidence: readonly string[];
  /** Who provides the evidence, e.g. `security officer`. */
  readonly owner?: string;
  /** How often it is collected, e.g. `quarterly`. */
  readonly frequency?: string;
}

/** What the last run of a rule's fixtures showed, for one fixture. */
export interface FixtureOutcome {
  readonly name: string;
  /** The fixture's list: it must pass, fail (exactly its named resources) or be skipped. */
  readonly expects: 'pass' | 'fail' | 'skip';
  readonly result: 'as-declared' | 'not-as-declared' | 'not-run';
  /** Why it did not behave as declared. */
  readonly reason?: string;
}

/**
 * Evidence that a rule itself works: the results its fixtures had when the test run last ran them
 * (`policies/rules/evidence.ts`). Anything but `as-declared` is a reason not to trust the rule's findings.
 */
export interface RuleEvidence {
  /** `as-declared`: every fixture ran and behaved as its list says; `stale`: the rules changed since. */
  readonly state: 'as-declared' | 'not-as-declared' | 'incomplete' | 'stale' | 'not-recorded';
  /** One line: `fixtures: 9 pass, 12 fail, 1 skip — all as declared`. */
  readonly summary: string;
  /** The test file whose run recorded the results. */
  readonly source: string;
  readonly fixtures: readonly FixtureOutcome[];
}

export interface ComplianceReport {
  /** ISO 8601 timestamp of the run. Reports never read the clock themselves, so output is reproducible. */
  readonly generatedAt: string;
  readonly environments: readonly string[];
  readonly rules: readonly RuleMetadata[];
  /** Every result: pass, fail, waived and not-applicable. */
  readonly findings: readonly Finding[];
  readonly waivers: readonly WaiverRecord[];
  readonly manualControls: readonly ManualControl[];
  readonly sections: readonly ReportSection[];
  /** Keyed by rule id. */
  readonly ruleEvidence: Readonly<Record<string, RuleEvidence>>;
  /**
   * The gate's configuration (`policies/gate.ts`): severities whose unwaived failures block, per
   * environment (prod may be stricter). Absent: `DEFAULT_GATE` (critical and high block).
   */
  readonly gate?: GateConfig;
  /** The operations plan the rules judged against (`policies/plan.yaml`); reports print its values beside the rules. */
  readonly plan?: OperationsPlan;
  /** The tool named in SARIF and the reports' headers; defaults to this repository's policy engine. */
  readonly tool?: { readonly name: string; readonly version: string; readonly informationUri?: string };
}
