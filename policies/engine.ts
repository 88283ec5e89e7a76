/**
 * The engine: runs rules over resources and turns their results into findings. Resource rules are
 * called only for their `resourceTypes`, so the cost grows with the number of applicable
 * (rule, resource) pairs, linearly in the estate.
 */
import { buildEstate } from './estate';
import {
  isPlannedDeletion,
  type Estate,
  type Finding,
  type FindingStatus,
  type PolicyOptions,
  type ProfileSelection,
  type Resource,
  type ResourceRule,
  type Rule,
  type RuleResult,
} from './model';
import { applyWaivers, type WaiverSet } from './waivers';

export interface EvaluateOptions {
  /** Overrides of the configurable facts (`options.ts`). */
  readonly policyOptions?: Partial<PolicyOptions>;
  /** Loaded waivers (`loadWaivers`, which judged their expiry); their validity findings are added. */
  readonly waivers?: WaiverSet;
  /**
   * The estate, when the caller already built it from the same resources and policy options
   * (`buildEstate`), e.g. to start the report's sections before the rules run.
   */
  readonly estate?: Estate;
  /**
   * Which rule profiles apply (`model.ts`, `RuleProfile`); default `all`. Under `auto`, platform rules
   * apply to the environments with facts (`PolicyOptions.environments`: this repository's stacks). A rule
   * not applied to an environment yields one `not-applicable` finding there saying why, so every report
   * still lists it.
   */
  readonly profile?: ProfileSelection;
}

export interface Summary {
  readonly passed: number;
  readonly failed: number;
  readonly waived: number;
  readonly notApplicable: number;
}

export interface Evaluation {
  readonly findings: Finding[];
  readonly summary: Summary;
  readonly estate: Estate;
}

export function evaluate(resources: readonly Resource[], rules: readonly Rule[], options: EvaluateOptions = {}): Evaluation {
  const estate = options.estate ?? buildEstate(resources, options.policyOptions);
  let findings: Finding[] = [];
  const profiles = new ProfileScope(options.profile ?? 'all', estate);
  // Resource-major order: every rule that applies to a resource runs while that resource's values are
  // in the CPU cache, which keeps large estates linear (rule-major order re-reads the estate per rule).
  const rulesByType = new Map<string, ResourceRule[]>();
  for (const rule of rules) {
    if (rule.scope !== 'resource') continue;
    for (const type of new Set(rule.resourceTypes)) {
      const list = rulesByType.get(type);
      if (list) list.push(rule);
      else rulesByType.set(type, [rule]);
    }
  }
  // Indexed loops: until V8 optimizes this loop (it runs once per check), `for…of` would allocate an
  // iterator result for each of the tens of thousands of (resource, rule) pairs.
  let scopedEnvironment: string | undefined;
  let scopedRules = rulesByType;
  for (let index = 0; index < resources.length; index++) {
    const resource = resources[index]!;
    // Resources of one environment come together: the rules in scope are looked up once per run of them.
    if (resource.environment !== scopedEnvironment) {
      scopedEnvironment = resource.environment;
      scopedRules = profiles.rulesByType(rulesByType, scopedEnvironment);
    }
    const applicable = scopedRules.get(resource.type);
    if (!applicable) continue;
    const deleted = resource.change !== undefined && isPlannedDeletion(resource);
    for (let ruleIndex = 0; ruleIndex < applicable.length; ruleIndex++) {
      const rule = applicable[ruleIndex]!;
      // A resource the plan deletes is judged only by rules about the change (see ResourceRule.judgesDeletions).
      if (deleted && rule.judgesDeletions !== true) continue;
      let results: RuleResult | readonly RuleResult[];
      try {
        results = rule.evaluate(resource, estate);
      } catch (error) {
        results = crashed(error);
      }
      if (Array.isArray(results)) for (const result of results) findings.push(toFinding(rule, result, resource));
      else findings.push(toFinding(rule, results as RuleResult, resource));
    }
  }
  const files = new FileLookup(estate);
  for (const rule of rules) {
    if (rule.scope !== 'estate') continue;
    if (!estate.environments.some((environment) => profiles.applies(rule, environment))) continue;
    let results: ReturnType<typeof rule.evaluate>;
    try {
      results = rule.evaluate(estate);
    } catch (error) {
      results = [{ ...crashed(error), resource: '(estate)', environment: estate.environments.join(',') }];
    }
    for (const result of results) {
      if (estate.environments.includes(result.environment) && !profiles.applies(rule, result.environment)) continue;
      // A result about something the environment lacks names no resource: it is shown on the environment's file.
      const file = result.file ?? files.fileOf(result.environment, result.resource) ?? estate.byEnvironment(result.environment)[0]?.file ?? '';
      findings.push(finding(rule, result.status, result.message, result.resource, result.environment, file, result.details));
    }
  }
  for (const rule of rules) {
    for (const environment of estate.environments) {
      if (profiles.applies(rule, environment)) continue;
      findings.push(
        finding(
          rule,
          'not-applicable',
          profiles.reason(rule, environment),
          NOT_APPLIED,
          environment,
          estate.byEnvironment(environment)[0]?.file ?? '',
          undefined,
        ),
      );
    }
  }
  if (options.waivers) findings = applyWaivers(findings, options.waivers);
  return { findings, summary: summarize(findings), estate };
}

/**
 * The file of the resource an estate result names, for results that carry none: the first resource with
 * that address in the environment. Such results are few (one or two per environment), so they are found
 * by a scan; an environment asked more often is indexed once, which keeps the run linear.
 */
class FileLookup {
  private readonly lookups = new Map<string, number>();
  private readonly indexes = new Map<string, Map<string, string>>();

  constructor(private readonly estate: Estate) {}

  fileOf(environment: string, address: string): string | undefined {
    const index = this.indexes.get(environment);
    if (index) return index.get(address);
    const resources = this.estate.byEnvironment(environment);
    const count = (this.lookups.get(environment) ?? 0) + 1;
    this.lookups.set(environment, count);
    if (count <= SCANS_BEFORE_INDEXING) return resources.find((resource) => resource.address === address)?.file;
    const files = new Map<string, string>();
    for (const resource of resources) if (!files.has(resource.address)) files.set(resource.address, resource.file);
    this.indexes.set(environment, files);
    return files.get(address);
  }
}

const SCANS_BEFORE_INDEXING = 4;

/** The subject of the finding that says a rule was not applied to an environment. */
export const NOT_APPLIED = '(rule not applied)';

/** Which rules a run applies where, by their profile (`EvaluateOptions.profile`). */
class ProfileScope {
  private readonly platformEnvironments: ReadonlySet<string>;
  private readonly byEnvironment = new Map<string, Map<string, ResourceRule[]>>();

  constructor(
    private readonly selection: ProfileSelection,
    estate: Estate,
  ) {
    this.platformEnvironments = new Set(Object.keys(estate.options?.environments ?? {}));
  }

  applies(rule: Rule, environment: string): boolean {
    switch (this.selection) {
      case 'all':
        return true;
      case 'auto':
        return rule.profile === 'generic' || this.platformEnvironments.has(environment);
      default:
        return rule.profile === this.selection;
    }
  }

  reason(rule: Rule, environment: string): string {
    if (this.selection === 'auto') {
      return `not applied: a platform rule (about this hospital's estate and operations plan), and ${environment} is not one of this repository's environments; select the platform profile (--profile platform or all) to apply it`;
    }
    return `not applied: a ${rule.profile} rule, and this run applies the ${this.selection} profile only`;
  }

  /** The resource rules by type that apply in one environment (all of them when every rule applies). */
  rulesByType(all: Map<string, ResourceRule[]>, environment: string): Map<string, ResourceRule[]> {
    if (this.selection === 'all') return all;
    let scoped = this.byEnvironment.get(environment);
    if (!scoped) {
      scoped = new Map();
      for (const [type, rules] of all) {
        const applicable = rules.filter((rule) => this.applies(rule, environment));
        if (applicable.length > 0) scoped.set(type, applicable);
      }
      this.byEnvironment.set(environment, scoped);
    }
    return scoped;
  }
}

/** A rule that throws fails closed on that resource instead of aborting the run. */
function crashed(error: unknown): RuleResult {
  return { status: 'fail', message: `the rule could not evaluate this resource (${(error as Error)?.message ?? String(error)}); failing closed` };
}

function toFinding(rule: Rule, result: RuleResult, resource: Resource): Finding {
  return finding(rule, result.status, result.message, result.resource ?? resource.address, resource.environment, resource.file, result.details);
}

function finding(
  rule: Rule,
  status: FindingStatus,
  message: string,
  resource: string,
  environment: string,
  file: string,
  details: Record<string, unknown> | undefined,
): Finding {
  return details
    ? { ruleId: rule.id, severity: rule.severity, status, resource, environment, file, message, controls: rule.controls, details }
    : { ruleId: rule.id, severity: rule.severity, status, resource, environment, file, message, controls: rule.controls };
}

export function summarize(findings: readonly Finding[]): Summary {
  let passed = 0;
  let failed = 0;
  let waived = 0;
  let notApplicable = 0;
  for (const { status } of findings) {
    if (status === 'pass') passed++;
    else if (status === 'fail') failed++;
    else if (status === 'waived') waived++;
    else notApplicable++;
  }
  return { passed, failed, waived, notApplicable };
}
