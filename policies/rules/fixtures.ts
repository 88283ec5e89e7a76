/**
 * Rule fixtures (Kyverno style): passing and failing Terraform inputs kept beside each rule. The
 * generic test `test/policies/rules/fixtures.test.ts` runs every registered rule's fixtures; reports
 * cite those tests as evidence that each rule works (`ruleEvidence`).
 */
import { evaluate } from '../engine';
import { resourcesFromPlan, resourcesFromTerraformJson } from '../inputs';
import type { EnvironmentFacts, Finding, PolicyOptions, Resource, Rule } from '../model';

const hospitalEnvironment = (production: boolean, localStateAllowed: boolean): EnvironmentFacts => ({
  production,
  localStateAllowed,
  breakGlassGroups: ['platform:break-glass'],
  auditNamespaces: ['security'],
});

/**
 * The environments fixtures are written for, with the facts this hospital's environment files declare
 * (prod and dr gate on medium findings, dr is a DR site, dev keeps local state). A fixture about another
 * hospital's input names an environment not listed here, or overrides `options.environments`.
 */
export const FIXTURE_ENVIRONMENTS: Readonly<Record<string, EnvironmentFacts>> = {
  prod: hospitalEnvironment(true, false),
  dr: hospitalEnvironment(true, false),
  staging: hospitalEnvironment(false, false),
  dev: hospitalEnvironment(false, true),
};

export interface FixtureCase {
  readonly name: string;
  /** Terraform JSON as `cdk.tf.json` has it (`resource`, `terraform`, `variable`, …). */
  readonly terraform?: Record<string, unknown>;
  /** A `terraform show -json` plan, for rules about changes. */
  readonly plan?: Record<string, unknown>;
  /** Environment of the input; default `prod`. */
  readonly environment?: string;
  /** Further environments' Terraform JSON, for estate rules that compare environments (prod ↔ dr). */
  readonly otherEnvironments?: Readonly<Record<string, Record<string, unknown>>>;
  /**
   * Failing cases: the address that must fail, and (without `failing`) the only one; its failure must
   * carry `message`. Passing cases: an address that must pass. Skipped cases: the address the rule must
   * not judge.
   */
  readonly resource?: string;
  /**
   * Failing cases: every address that must fail and no other (Checkov's style), for a fault with several
   * subjects (a weak TLS option and the router selecting it). Without it, `resource` is the whole set;
   * without either, the rule must judge one resource only, and fail it.
   */
  readonly failing?: readonly string[];
  /** A fragment the failure (failing cases), pass (passing cases) or not-applicable (skipped cases) message must contain. */
  readonly message?: string;
  readonly options?: Partial<PolicyOptions>;
}

export interface RuleFixtures {
  readonly ruleId: string;
  readonly pass: readonly FixtureCase[];
  readonly fail: readonly FixtureCase[];
  /** Inputs the rule must not judge either way (Kyverno's `skip`): it says why it does not apply. */
  readonly skip?: readonly FixtureCase[];
}

export type FixtureExpectation = 'pass' | 'fail' | 'skip';

/** The file name fixtures are reported under. */
export const fixtureFile = (ruleId: string, fixture: FixtureCase): string => `fixtures/${ruleId}/${fixture.name.replace(/[^\w.-]+/g, '-')}.tf.json`;

/** A fixture's resources, read through the same adapters as real input. */
export function fixtureResources(ruleId: string, fixture: FixtureCase): Resource[] {
  const source = { file: fixtureFile(ruleId, fixture), environment: fixture.environment ?? 'prod' };
  const resources: Resource[] = [];
  if (fixture.terraform) resources.push(...resourcesFromTerraformJson(fixture.terraform, source));
  if (fixture.plan) resources.push(...resourcesFromPlan(fixture.plan, source));
  for (const [environment, terraform] of Object.entries(fixture.otherEnvironments ?? {})) {
    resources.push(...resourcesFromTerraformJson(terraform, { file: `fixtures/${ruleId}/${environment}.tf.json`, environment }));
  }
  return resources;
}

/** The rule's findings on a fixture. */
export function runFixture(rule: Rule, fixture: FixtureCase): Finding[] {
  const resources = fixtureResources(rule.id, fixture);
  return evaluate(resources, [rule], { policyOptions: { environments: FIXTURE_ENVIRONMENTS, ...fixture.options } }).findings;
}

/** The distinct addresses of findings with this status, in the order the rule reported them. */
const addresses = (findings: readonly Finding[], ...statuses: Finding['status'][]): string[] => [
  ...new Set(findings.filter((finding) => statuses.includes(finding.status)).map((finding) => finding.resource)),
];

/**
 * Whether a fixture behaves as its list says; `reason` explains a mismatch. Failing cases are held to the
 * exact set of failing addresses, passing and skipped cases to no failure at all: a rule that also fails
 * a resource its fixture does not name is as wrong as one that misses the named one.
 */
export function checkFixture(rule: Rule, fixture: FixtureCase, expected: FixtureExpectation): { ok: boolean; reason: string; findings: Finding[] } {
  const findings = runFixture(rule, fixture);
  const describe = (list: Finding[]): string => list.map((finding) => `${finding.status} ${finding.resource}: ${finding.message}`).join('\n  ') || '(none)';
  const onSubject = (finding: Finding): boolean => !fixture.resource || finding.resource === fixture.resource;
  const mentions = (finding: Finding): boolean => !fixture.message || finding.message.includes(fixture.message);
  const wanted = [fixture.resource && `on ${fixture.resource}`, fixture.message && `mentioning "${fixture.message}"`].filter(Boolean).join(' ');
  const failures = findings.filter((finding) => finding.status === 'fail');
  const verdict = (reason: string) => ({ ok: reason === '', reason, findings });
  if (expected === 'fail') {
    const failed = addresses(findings, 'fail');
    const declared = fixture.failing ?? (fixture.resource ? [fixture.resource] : undefined);
    if (fixture.failing && fixture.resource && !fixture.failing.includes(fixture.resource)) {
      return verdict(`resource ${fixture.resource} is not among failing [${fixture.failing.join(', ')}]`);
    }
    if (declared) {
      const missing = declared.filter((address) => !failed.includes(address));
      const extra = failed.filter((address) => !declared.includes(address));
      if (missing.length > 0 || extra.length > 0) {
        const problems = [missing.length > 0 && `${missing.join(', ')} did not fail`, extra.length > 0 && `${extra.join(', ')} failed too`]
          .filter(Boolean)
          .join('; ');
        return verdict(`expected exactly [${declared.join(', ')}] to fail: ${problems}; got:\n  ${describe(findings)}`);
      }
    } else {
      const judged = addresses(findings, 'pass', 'fail');
      if (judged.length > 1)
        return verdict(`the rule judged ${judged.length} resources (${judged.join(', ')}): name those that must fail with \`resource\` or \`failing\``);
    }
    if (failures.some((finding) => onSubject(finding) && mentions(finding))) return verdict('');
    return verdict(`expected a failure ${wanted}, got:\n  ${describe(findings)}`);
  }
  if (failures.length > 0) return verdict(`expected no failure, got:\n  ${describe(failures)}`);
  if (expected === 'pass') {
    if (!findings.some((finding) => finding.status === 'pass' && onSubject(finding) && mentions(finding)))
      return verdict(`expected a pass ${wanted}, got:\n  ${describe(findings)}`);
    return verdict('');
  }
  const judged = findings.filter((finding) => finding.status === 'pass' && onSubject(finding));
  if (judged.length > 0) return verdict(`expected the rule not to judge ${fixture.resource ?? 'the input'}, got:\n  ${describe(judged)}`);
  if (!findings.some((finding) => finding.status === 'not-applicable' && onSubject(finding) && mentions(finding))) {
    return verdict(`expected a not-applicable result ${wanted}, got:\n  ${describe(findings)}`);
  }
  return verdict('');
}
