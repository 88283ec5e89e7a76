/** The network rules beyond their fixtures: failing closed, explanations, and not-applicable. */
import { evaluate } from '../../../policies/engine';
import { resourcesFromTerraformJson } from '../../../policies/inputs';
import { rules } from '../../../policies/rules/network';
import { terraform } from '../../../policies/rules/fixture-builders';
import { appSelector, isolatedHospital, segmentSelector, tfNamespace, tfNetworkPolicy, tfService } from '../../../policies/rules/network/fixture-builders';

const run = (json: Record<string, unknown>, environment = 'prod') =>
  evaluate(resourcesFromTerraformJson(json, { file: 'cdk.tf.json', environment }), rules, {}).findings;

describe('network rules', () => {
  it('segment-isolation fails closed when a value it needs is known only after apply', () => {
    const json = isolatedHospital(tfService('his', 'lab-gateway'));
    const gateway = (json.resource as Record<string, Record<string, { metadata: { labels: unknown } }>>).kubernetes_deployment_v1!.his_lab_gateway!;
    (gateway as unknown as { spec: { template: { metadata: { labels: unknown } } } }).spec.template.metadata.labels = '${var.gateway_labels}';
    const finding = run(json).find((f) => f.ruleId === 'network/segment-isolation')!;
    expect(finding.status).toBe('fail');
    expect(finding.message).toMatch(/isolation cannot be proven: 1 value\(s\) are known only after apply .*failing closed/);
  });

  it('segment-isolation lists at most three of the values known only after apply, with their count', () => {
    const gateways = ['a', 'b', 'c', 'd'];
    const json = isolatedHospital(...gateways.map((gateway) => tfService('his', `gw-${gateway}`)));
    const deployments = (json.resource as Record<string, Record<string, { spec: { template: { metadata: { labels: unknown } } } }>>).kubernetes_deployment_v1!;
    for (const gateway of gateways) deployments[`his_gw_${gateway}`]!.spec.template.metadata.labels = `\${var.gw_${gateway}}`;
    const finding = run(json).find((f) => f.ruleId === 'network/segment-isolation')!;
    expect(finding.status).toBe('fail');
    expect(finding.message).toMatch(/^isolation cannot be proven: 4 value\(s\) are known only after apply \(/);
    expect(finding.message).toContain('kubernetes_deployment_v1.his_gw_c');
    expect(finding.message).not.toContain('kubernetes_deployment_v1.his_gw_d');
  });

  it('segment-isolation reports each crossing connection on the source workload file, with its details, and no pass beside it', () => {
    const json = isolatedHospital(
      tfNetworkPolicy('guest', 'portal-to-his', {
        pod_selector: appSelector('wifi-portal'),
        policy_types: ['Egress'],
        egress: [{ to: [{ namespace_selector: segmentSelector('medical') }] }],
      }),
      tfNetworkPolicy('his', 'emr-from-anywhere', {
        pod_selector: appSelector('emr'),
        policy_types: ['Ingress'],
        ingress: [{ from: [{ namespace_selector: {} }], ports: [{ port: 'http' }] }],
      }),
    );
    const findings = run(json).filter((f) => f.ruleId === 'network/segment-isolation');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      status: 'fail',
      resource: 'guest/wifi-portal -> his/emr',
      file: 'cdk.tf.json',
      details: { src: 'guest/wifi-portal', dst: 'his/emr', traffic: 'TCP 8050' },
    });
    expect(findings[0]!.message).toContain('guest/wifi-portal (guest) can reach his/emr (medical) on TCP 8050');
  });

  it('gives exactly one finding per namespace, medical workload and environment on a compliant hospital, with the proof figures', () => {
    // The three label-era rules; the plan-zone rules judge isolatedHospital's unplanned namespaces on their own (test/policies/rules/network).
    const findings = run(isolatedHospital()).filter((f) => ['network/default-deny', 'network/no-open-ingress', 'network/segment-isolation'].includes(f.ruleId));
    expect(findings.map((f) => `${f.ruleId} ${f.status} ${f.resource}`).sort()).toEqual([
      'network/default-deny pass kubernetes_namespace_v1.dmz',
      'network/default-deny pass kubernetes_namespace_v1.guest',
      'network/default-deny pass kubernetes_namespace_v1.his',
      'network/no-open-ingress pass kubernetes_deployment_v1.his_emr',
      'network/no-open-ingress pass kubernetes_deployment_v1.his_registration',
      'network/segment-isolation pass network:guest<->medical',
    ]);
    expect(findings.find((f) => f.ruleId === 'network/segment-isolation')!.details).toEqual({ workloads: 4, policies: 7, connections: 8 });
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
    expect(
      findings
        .filter((f) => f.ruleId === 'network/segment-isolation')
        .map((f) => `${f.environment} ${f.status}`)
        .sort(),
    ).toEqual(['dev not-applicable', 'prod pass']);
  });
});
