import type { RuleFixtures } from '../fixtures';
import { workload } from '../fixture-builders';
import { core, coreDeployment, hpa, terraform } from './fixtures-shared';

export const coreReplicasFixtures: RuleFixtures = {
  ruleId: 'availability/core-replicas',
  pass: [
    { name: 'two replicas', terraform: coreDeployment('billing', 2) },
    { name: 'HPA-managed without replicas', terraform: terraform(coreDeployment('emr'), hpa('emr', 2, 4)) },
    { name: 'core stateful set with three replicas', terraform: workload('kubernetes_stateful_set_v1', 'lis-db', { labels: core, replicas: 3 }) },
  ],
  fail: [
    { name: 'replicas unset, no HPA', terraform: coreDeployment('lis'), message: 'unset (1)' },
    { name: 'HPA minimum 1', terraform: terraform(coreDeployment('emr'), hpa('emr', 1, 4)), message: 'min_replicas is 1' },
    {
      name: 'HPA in another namespace does not count',
      terraform: terraform(coreDeployment('billing', 1), {
        resource: { kubernetes_horizontal_pod_autoscaler_v2: { other: { metadata: { name: 'billing', namespace: 'guest' }, spec: { min_replicas: 3, max_replicas: 5, scale_target_ref: { kind: 'Deployment', name: 'billing' } } } } },
      }),
      message: 'no HPA targets it',
    },
  ],
};
