/** The network rules beyond their fixtures: failing closed, explanations, and not-applicable. */
import { evaluate } from '../../../policies/engine';
import { resourcesFromTerraformJson } from '../../../policies/inputs';
import { rules } from '../../../policies/rules/network';
import { terraform } from '../../../policies/rules/fixture-builders';
import { isolatedHospital, tfNamespace, tfService } from '../../../policies/rules/network/fixture-builders';

const run = (json: Record<string, unknown>, environment = 'prod') => evaluate(resourcesFromTerraformJson(json, { file: 'cdk.tf.json', environment }), rules, {}).findings;

describe('network rules', () => {
  it('segment-isolation fails closed when a value it needs is known only after apply', () => {
    const json = isolatedHospital(tfService('his', 'lab-gateway'));
    const gateway = (json.resource as Record<string, Record<string, { metadata: { labels: unknown } }>>).kubernetes_deployment_v1!.his_lab_gateway!;
    (gateway as unknown as { spec: { template: { metadata: { labels: unknown } } } }).spec.template.metadata.labels = '${var.gateway_labels}';
    const finding = run(json).find((f) => f.ruleId === 'network/segment-isolation')!;
    expect(finding.status).toBe('fail');
    expect(finding.message).toMatch(/isolation cannot be proven: 1 value\(s\) are known only after apply .*failing closed/);
  });

  it('segment-isolation does not apply without both a guest and a medical segment', () => {
    const findings = run(terraform(tfNamespace('his', 'medical'), tfService('his', 'emr')));
    expect(findings.find((f) => f.ruleId === 'network/segment-isolation')).toMatchObject({ status: 'not-applicable' });
  });

  it('judges each environment on its own', () => {
    const resources = [
      ...resourcesFromTerraformJson(isolatedHospital(), { file: 'prod/cdk.tf.json', environment: 'prod' }),
      ...resourcesFromTerraformJson(terraform(tfNamespace('his', 'medical'), tfService('his', 'emr')), { file: 'dev/cdk.tf.json', environment: 'dev' }),
    ];
    const findings = evaluate(resources, rules, {}).findings;
    expect(findings.filter((f) => f.ruleId === 'network/segment-isolation').map((f) => `${f.environment} ${f.status}`).sort()).toEqual(['dev not-applicable', 'prod pass']);
  });
});
