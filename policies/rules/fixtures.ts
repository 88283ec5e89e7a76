/**
 * Rule fixtures (Kyverno style): passing and failing Terraform inputs kept beside each rule. The
 * generic test `test/policies/rules/fixtures.test.ts` runs every registered rule's fixtures; reports
 * cite those tests as evidence that each rule works (`ruleEvidence`).
 */
import { evaluate } from '../engine';
import { resourcesFromPlan, resourcesFromTerraformJson } from '../inputs';
import type { Finding, PolicyOptions, Resource, Rule } from '../model';

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
  /** The address that must fail (failing cases) or pass (passing cases). */
  readonly resource?: string;
  /** Failing cases: a fragment the failure message must contain. */
  readonly message?: string;
  readonly options?: Partial<PolicyOptions>;
}

export interface RuleFixtures {
  readonly ruleId: string;
  readonly pass: readonly FixtureCase[];
  readonly fail: readonly FixtureCase[];
}

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
  return evaluate(resources, [rule], { policyOptions: fixture.options }).findings;
}

/** Whether a fixture behaves as its list says; `reason` explains a mismatch. */
export function checkFixture(rule: Rule, fixture: FixtureCase, expected: 'pass' | 'fail'): { ok: boolean; reason: string; findings: Finding[] } {
  const findings = runFixture(rule, fixture);
  const describe = (list: Finding[]): string => list.map((finding) => `${finding.status} ${finding.resource}: ${finding.message}`).join('\n  ') || '(none)';
  if (expected === 'pass') {
    const failures = findings.filter((finding) => finding.status === 'fail');
    const passes = findings.filter((finding) => finding.status === 'pass' && (!fixture.resource || finding.resource === fixture.resource));
    if (failures.length > 0) return { ok: false, reason: `expected no failure, got:\n  ${describe(failures)}`, findings };
    if (passes.length === 0) return { ok: false, reason: `expected a pass${fixture.resource ? ` on ${fixture.resource}` : ''}, got:\n  ${describe(findings)}`, findings };
    return { ok: true, reason: '', findings };
  }
  const failures = findings.filter(
    (finding) =>
      finding.status === 'fail' &&
      (!fixture.resource || finding.resource === fixture.resource) &&
      (!fixture.message || finding.message.includes(fixture.message)),
  );
  if (failures.length === 0) {
    const wanted = [fixture.resource && `on ${fixture.resource}`, fixture.message && `mentioning "${fixture.message}"`].filter(Boolean).join(' ');
    return { ok: false, reason: `expected a failure ${wanted}, got:\n  ${describe(findings)}`, findings };
  }
  return { ok: true, reason: '', findings };
}
