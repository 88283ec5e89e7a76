/**
 * Agreement with Checkov on the concerns both check (issue 16): our own cases, written from Checkov's
 * documented behaviour (test/support/checkov-cases.ts), run through our adapters — Kubernetes YAML or
 * Terraform JSON — and the rule that covers the concern. Where we disagree on purpose, the case says so
 * and why; anything else is a regression.
 */
import { stringify } from 'yaml';
import { evaluate } from '../../policies/engine';
import { resourcesFromTerraformJson } from '../../policies/inputs';
import { readKubernetesYaml } from '../../policies/inputs/kubernetes-yaml';
import { resourcesFromManifests } from '../../policies/inputs/manifests';
import type { Resource } from '../../policies/model';
import { allRules } from '../../policies/rules';
import { CHECKOV_CASES, type CheckovCase } from '../support/checkov-cases';

function resourcesOf(testCase: CheckovCase): Resource[] {
  if (testCase.terraform) return resourcesFromTerraformJson(testCase.terraform, { file: 'case.tf.json', environment: 'prod' });
  const text = testCase.objects!.map((object) => stringify(object)).join('---\n');
  const read = readKubernetesYaml('case.yaml', text);
  if (read.kind !== 'objects') throw new Error(read.reason);
  return resourcesFromManifests([{ file: 'case.yaml', objects: read.objects }], 'prod');
}

/** Our verdict on the case's resource: `fail` when the rule fails it, else `pass` (passed or not applicable). */
function ourVerdict(testCase: CheckovCase): { verdict: 'pass' | 'fail'; results: string[] } {
  const rule = allRules.find((candidate) => candidate.id === testCase.rule);
  if (!rule) throw new Error(`no rule ${testCase.rule}`);
  const findings = evaluate(resourcesOf(testCase), [rule]).findings.filter((finding) => finding.resource === testCase.resource);
  if (findings.length === 0) throw new Error(`${testCase.rule} produced nothing on ${testCase.resource}`);
  return {
    verdict: findings.some((finding) => finding.status === 'fail') ? 'fail' : 'pass',
    results: findings.map((finding) => `${finding.status}: ${finding.message}`),
  };
}

describe('agreement with Checkov on shared concerns', () => {
  it.each(CHECKOV_CASES.map((testCase) => [`${testCase.checkov} ${testCase.name}`, testCase] as const))('%s', (_label, testCase) => {
    const checkovAsOurs = testCase.checkovVerdict === 'FAILED' ? 'fail' : 'pass';
    const expected = testCase.disagreement?.ours ?? checkovAsOurs;
    if (testCase.disagreement) expect(testCase.disagreement.ours).not.toBe(checkovAsOurs);
    const { verdict, results } = ourVerdict(testCase);
    expect({ verdict, results }).toEqual({ verdict: expected, results: expect.anything() });
  });

  it('covers every concern with a failing and, where Checkov has one, a passing case', () => {
    const concerns = new Set(CHECKOV_CASES.map((testCase) => testCase.checkov));
    for (const id of concerns) expect(CHECKOV_CASES.some((testCase) => testCase.checkov === id && testCase.checkovVerdict === 'FAILED')).toBe(true);
    const agreed = CHECKOV_CASES.filter((testCase) => !testCase.disagreement).length;
    process.stdout.write(`Checkov cases: ${CHECKOV_CASES.length}, agree ${agreed}, disagree on purpose ${CHECKOV_CASES.length - agreed}\n`);
  });
});
