import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { loadEnvironmentText } from '../../../../environments/load';
import type { EnvironmentConfig } from '../../../../environments/schema';
import { checkResources, resourcesFromTerraformJson, type Resource } from '../../../../policies';
import { REPO_ROOT, shippedEnvironment, synthEnvironment } from '../../../support/synth';

const NEW_BILLING = `registry.hospital.internal/his/billing:3.8.1@sha256:${'9'.repeat(64)}`;

/** A shipped environment file with edits at key paths, validated like `npm run synth` does. */
function edited(name: string, edits: [readonly string[], unknown][]): EnvironmentConfig {
  const document = parseDocument(fs.readFileSync(path.join(REPO_ROOT, 'environments', `${name}.yaml`), 'utf8'));
  for (const [keyPath, value] of edits) document.setIn(keyPath, value);
  const result = loadEnvironmentText(document.toString(), { file: `environments/${name}.yaml`, name });
  if (!result.ok) throw new Error(result.problems.map((problem) => `${problem.keyPath}: ${problem.message}`).join('\n'));
  return result.environment;
}

/** One environment's synthesized resources, as the gate inside `npm run synth` reads them. */
const resourcesOf = (environment: EnvironmentConfig) =>
  resourcesFromTerraformJson(synthEnvironment(environment).json, { file: `cdktf.out/stacks/${environment.name}/cdk.tf.json`, environment: environment.name });

/** The unwaived failures of the whole estate that concern a canary Deployment. */
const canaryFailures = (resources: readonly Resource[]) =>
  checkResources(resources)
    .findings.filter((finding) => finding.status === 'fail' && finding.resource.includes('canary'))
    .map((finding) => `${finding.ruleId} ${finding.environment}: ${finding.message}`);

describe('the gate on a prod canary', () => {
  // prod with a billing canary, and dr (whose rule must not ask for a DR counterpart of the canary).
  const prodAndDr = [
    ...resourcesOf(edited('prod', [[['clinicalSystems', 'billing', 'canary'], { image: NEW_BILLING }]])),
    ...resourcesOf(shippedEnvironment('dr')),
  ];

  it('lets through a canary whose image staging already runs', () => {
    const staging = resourcesOf(edited('staging', [[['clinicalSystems', 'billing', 'image'], NEW_BILLING]]));
    expect(canaryFailures([...staging, ...prodAndDr])).toEqual([]);
  });

  it('blocks a canary whose image staging never ran, naming the rule and the image', () => {
    const failures = canaryFailures([...resourcesOf(shippedEnvironment('staging')), ...prodAndDr]);
    expect(failures).toEqual([
      expect.stringMatching(/^delivery\/canary-promoted-through-staging prod: canary billing-canary: .*billing:3\.8\.1@sha256:9+ is not deployed in staging/),
    ]);
  });
});
