/**
 * The policy engine's public entry. `pipeline/gate.ts` (the gate inside `npm run synth`) and `cli/check.ts`
 * (`npm run check`) both go through these functions, so both judge the same resources the same way.
 *
 *   const { resources } = await loadInputs(['cdktf.out/stacks/prod/cdk.tf.json']);
 *   const result = checkResources(resources, { waiversFile: 'policies/waivers.yaml' });
 *   const verdict = gate(result.findings, gateConfig);            // verdict.passed → exit 0, else 1
 *   const report = await buildReport(result, { gate: gateConfig }); // → renderReport / writeReports
 *
 * To lay out the report's network graphs while the rules run, build the estate first:
 *
 *   const estate = buildEstate(resources);
 *   const contributed = contributeSections(estate);
 *   const result = checkResources(resources, { estate });
 *   const report = await buildReport(result, { contributed });
 */
import { evaluate, type Evaluation } from './engine';
import { MANUAL_CONTROLS } from './frameworks';
import { DEFAULT_GATE, type GateConfig } from './gate';
import type { Estate, PolicyOptions, ProfileSelection, Resource, Rule, RuleMetadata } from './model';
import { buildComplianceReport } from './report/assemble';
import { reportContributors } from './contributors';
import type { ComplianceReport } from './report/model';
import type { ReportSection } from './report/sections';
import { policyOptions } from './options';
import { allRules } from './rules';
import { ruleEvidence } from './rules/evidence';
import { compileGlob, GlobError } from './glob';
import { loadWaivers, WAIVER_RENEWAL_RULE, WAIVER_RULE, type WaiverSet } from './waivers';

export { loadInputs, resourcesFromTerraformJson, resourcesFromPlan, InputError, environmentOf, type LoadOptions, type LoadedInputs } from './inputs';
export { gate, DEFAULT_GATE, type GateConfig, type GateLevel, type GateResult } from './gate';
export { evaluate, summarize, type Evaluation, type Summary } from './engine';
export { buildEstate } from './estate';
export { loadWaivers, parseWaivers, WAIVER_RENEWAL_RULE, WAIVER_RULE, type Waiver, type WaiverSet } from './waivers';
export { RENEWAL_NOTICE_DAYS } from './renewals';
export { allRules } from './rules';
export { ruleEvidence, FIXTURE_TEST_FILE, FIXTURE_RESULTS_FILE, type RuleEvidence } from './rules/evidence';
export { defaultPolicyOptions } from './options';
export { loadPlan, parsePlan, DEFAULT_PLAN_FILE } from './plan/load';
export { loadAccessReviews, parseAccessReview, DEFAULT_ACCESS_REVIEWS_DIR, type AccessReview } from './access-reviews';
export type { OperationsPlan } from './plan/schema';
export { prepareGraphviz } from './network/graphviz';
export { MANUAL_CONTROLS, FRAMEWORKS, controlTitle } from './frameworks';
export type { Finding, Resource, Rule, RuleMetadata, Severity, PolicyOptions, EnvironmentFacts, RuleProfile, ProfileSelection } from './model';
export { PROFILE_SELECTIONS, RULE_PROFILES } from './model';

export interface CheckOptions {
  /** A waivers YAML file; a missing file throws InputError. */
  readonly waiversFile?: string;
  /** Already loaded waivers (instead of `waiversFile`). */
  readonly waivers?: WaiverSet;
  readonly policyOptions?: Partial<PolicyOptions>;
  /** Default: every rule (`allRules`). */
  readonly rules?: readonly Rule[];
  /** "Today" for waiver expiry; default now. */
  readonly now?: Date;
  /** The estate already built from these resources and policy options (see `contributeSections`). */
  readonly estate?: Estate;
  /** Which rule profiles apply where (`EvaluateOptions.profile`); default every rule everywhere. */
  readonly profile?: ProfileSelection;
}

export interface CheckResult extends Evaluation {
  readonly rules: readonly Rule[];
  readonly waivers?: WaiverSet;
}

/** Every rule's metadata including the waiver pseudo-rules `waiver/valid` and `waiver/renewal-due` (for reports and SARIF). */
export function ruleCatalog(rules: readonly Rule[] = allRules): RuleMetadata[] {
  return [...rules, WAIVER_RULE, WAIVER_RENEWAL_RULE];
}

/**
 * The rules whose id matches one of the globs (`workload/*`, `secrets/no-literal-*`); throws when a
 * pattern matches no rule, so a typo does not silently check nothing.
 */
export function selectRules(patterns: readonly string[], rules: readonly Rule[] = allRules): Rule[] {
  const matchers = patterns.map((pattern) => {
    try {
      return { pattern, matches: compileGlob(pattern) };
    } catch (error) {
      throw new Error(`"${pattern.slice(0, 40)}…": ${(error as GlobError).message}`);
    }
  });
  for (const { pattern, matches } of matchers) {
    if (!rules.some((rule) => matches(rule.id))) throw new Error(`no rule matches "${pattern}"`);
  }
  return rules.filter((rule) => matchers.some(({ matches }) => matches(rule.id)));
}

/** Evaluates the rules over the resources and applies the waivers. */
export function checkResources(resources: readonly Resource[], options: CheckOptions = {}): CheckResult {
  const rules = options.rules ?? allRules;
  const now = options.now ?? new Date();
  // A waiver for a registered rule that this run does not select (`--rules`) is not malformed.
  const knownRuleIds = new Set([...allRules, ...rules].map((rule) => rule.id));
  const criticalRuleIds = new Set([...allRules, ...rules].filter((rule) => rule.severity === 'critical').map((rule) => rule.id));
  const waivers = options.waivers ?? (options.waiversFile ? loadWaivers(options.waiversFile, now, knownRuleIds, criticalRuleIds) : undefined);
  const evaluation = evaluate(resources, rules, { policyOptions: options.policyOptions, waivers, estate: options.estate, profile: options.profile });
  return { ...evaluation, rules, ...(waivers ? { waivers } : {}) };
}

export interface ReportOptions {
  readonly gate?: GateConfig;
  /** Default: now. Reports never read the clock themselves. */
  readonly generatedAt?: Date;
  /** Extra sections besides those of `reportContributors`. */
  readonly sections?: readonly ReportSection[];
  /** Skip the capability sections (network matrix, …), e.g. for a quick text check. */
  readonly withoutContributors?: boolean;
  /** The capability sections, when already started with `contributeSections(result.estate)`. */
  readonly contributed?: Promise<readonly ReportSection[]>;
}

/**
 * The capability sections of the report (network matrix and graphs, backup table, alert list). They
 * need only the estate, so a caller can start them before the rules run: the network graphs are then
 * laid out by the Graphviz worker while the main thread evaluates.
 */
export function contributeSections(estate: Estate): Promise<readonly ReportSection[]> {
  // Contributors run together: one waiting for a worker (the network graphs) lets the next one work.
  const started = Promise.all(reportContributors.map((contributor) => contributor.build(estate))).then((sections) => sections.flat());
  // Awaited later by buildReport; a failure before then (the rules threw first) must not go unhandled.
  started.catch(() => undefined);
  return started;
}

/** Assembles the report every writer in `policies/report/` renders. */
export async function buildReport(result: CheckResult, options: ReportOptions = {}): Promise<ComplianceReport> {
  const contributed: readonly ReportSection[] = options.withoutContributors ? [] : await (options.contributed ?? contributeSections(result.estate));
  return buildComplianceReport({
    generatedAt: options.generatedAt ?? new Date(),
    environments: result.estate.environments,
    rules: ruleCatalog(result.rules),
    findings: result.findings,
    waivers: result.waivers,
    manualControls: MANUAL_CONTROLS,
    sections: [...contributed, ...(options.sections ?? [])],
    evidence: ruleEvidence(result.rules.map((rule) => rule.id)),
    gate: options.gate ?? DEFAULT_GATE,
    plan: policyOptions(result.estate).plan,
  });
}
