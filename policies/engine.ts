/**
 * The engine: runs rules over resources and turns their results into findings. Resource rules are
 * called only for their `resourceTypes`, so the cost grows with the number of applicable
 * (rule, resource) pairs, linearly in the estate.
 */
import { buildEstate } from './estate';
import { isPlannedDeletion, type Estate, type Finding, type FindingStatus, type PolicyOptions, type Resource, type ResourceRule, type Rule, type RuleResult } from './model';
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
  for (let index = 0; index < resources.length; index++) {
    const resource = resources[index]!;
    const applicable = rulesByType.get(resource.type);
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
    let results: ReturnType<typeof rule.evaluate>;
    try {
      results = rule.evaluate(estate);
    } catch (error) {
      results = [{ ...crashed(error), resource: '(estate)', environment: estate.environments.join(',') }];
    }
    for (const result of results) {
      findings.push(finding(rule, result.status, result.message, result.resource, result.environment, result.file ?? files.fileOf(result.environment, result.resource) ?? '', result.details));
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
