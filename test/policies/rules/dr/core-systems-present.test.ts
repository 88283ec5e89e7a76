import { evaluate } from '../../../../policies/engine';
import { resourcesFromTerraformJson } from '../../../../policies/inputs';
import { LABELS, LABEL_VALUES } from '../../../../policies/labels';
import { resource, terraform, workload } from '../../../../policies/rules/fixture-builders';
import { drCoreSystemsPresent } from '../../../../policies/rules/dr/core-systems-present';

const core = (name: string, replicas?: number) =>
  workload('kubernetes_deployment_v1', name, { namespace: 'his', ...(replicas === undefined ? {} : { replicas }), labels: { [LABELS.tier]: LABEL_VALUES.coreTier } });
const hpa = (target: string, min: number) =>
  resource('kubernetes_horizontal_pod_autoscaler_v2', `${target}-hpa`, {
    metadata: { name: target, namespace: 'his' },
    spec: { min_replicas: min, max_replicas: 10, scale_target_ref: { kind: 'Deployment', name: target } },
  });
const run = (environments: Record<string, Record<string, unknown>>, options = {}) =>
  evaluate(
    Object.entries(environments).flatMap(([environment, json]) => resourcesFromTerraformJson(json, { file: `${environment}.tf.json`, environment })),
    [drCoreSystemsPresent],
    { policyOptions: options },
  ).findings.map((finding) => [finding.status, finding.message]);

describe('dr/core-systems-present', () => {
  it('counts an HPA minimum as the warm replicas of an autoscaled counterpart', () => {
    expect(run({ prod: core('registration', 5), dr: terraform(core('registration'), hpa('registration', 2)) })).toEqual([
      ['pass', 'core system his/registration runs warm in dr (kubernetes_deployment_v1.registration, 2 replicas)'],
    ]);
    expect(run({ prod: core('registration', 5), dr: terraform(core('registration'), hpa('registration', 0)) })[0]![1]).toMatch(/runs 0 replicas; a warm standby needs at least 1/);
  });

  it('fails closed when the standby replica count is known only after apply', () => {
    const unknown = core('billing') as any;
    unknown.resource.kubernetes_deployment_v1.billing.spec.replicas = '${var.billing_replicas}';
    expect(run({ prod: core('billing', 3), dr: terraform(unknown, { variable: { billing_replicas: { type: 'number' } } }) })[0]).toEqual([
      'fail',
      'core system his/billing: the replica count of kubernetes_deployment_v1.billing in dr is known only after apply; failing closed',
    ]);
  });

  it('follows the configured DR pairs', () => {
    expect(run({ prod: core('emr', 3), 'dr-east': core('emr', 1) }, { drSites: { prod: 'dr-east' } })).toEqual([
      ['pass', 'core system his/emr runs warm in dr-east (kubernetes_deployment_v1.emr, 1 replica)'],
    ]);
  });
});
