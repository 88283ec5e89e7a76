import { LABELS } from '../../labels';
import type { RuleFixtures } from '../fixtures';
import { planWith, workload } from '../fixture-builders';
import { core, coreCanary, coreDeployment, coreDeploymentWithReplicas, hpa, hpaWith, plainDeployment, quota, terraform } from './fixtures-shared';

export const coreReplicasFixtures: RuleFixtures = {
  ruleId: 'availability/core-replicas',
  pass: [
    { name: 'two replicas', terraform: coreDeployment('billing', 2), message: 'spec[0].replicas is 2' },
    {
      name: 'HPA-managed without replicas',
      terraform: terraform(coreDeployment('emr'), hpa('emr', 2, 4)),
      resource: 'kubernetes_deployment_v1.emr',
      message: 'kubernetes_horizontal_pod_autoscaler_v2.emr keeps at least 2 replicas',
    },
    { name: 'a pod quota admitting the replicas', terraform: terraform(coreDeployment('emr', 3), quota({ pods: '3' })), message: 'spec[0].replicas is 3' },
    { name: 'core stateful set with three replicas', terraform: workload('kubernetes_stateful_set_v1', 'lis-db', { labels: core, replicas: 3 }) },
    {
      name: "replicas unset count as Kubernetes' default of 1 where the minimum is 1",
      terraform: coreDeployment('lis'),
      options: { plan: planWith({ availability: { coreMinReplicas: 1 } }) },
      message: 'spec[0].replicas is 1',
    },
  ],
  fail: [
    { name: 'replicas unset, no HPA', terraform: coreDeployment('lis'), message: 'unset (1)' },
    {
      name: 'a pod quota below the replicas',
      terraform: terraform(coreDeployment('emr', 3), quota({ pods: '2' })),
      message: 'spec[0].hard["pods"] is 2, but its minimum of 3 pod(s) needs 3 pods',
    },
    {
      name: 'two HPAs for the same Deployment',
      terraform: terraform(coreDeployment('emr'), hpa('emr', 2, 4), {
        resource: {
          kubernetes_horizontal_pod_autoscaler_v2: {
            other: {
              metadata: { name: 'emr-2', namespace: 'his' },
              spec: { min_replicas: 3, max_replicas: 6, scale_target_ref: { api_version: 'apps/v1', kind: 'Deployment', name: 'emr' } },
            },
          },
        },
      }),
      message: 'all target it',
    },
    {
      name: 'HPA whose target reference lacks the apps/v1 API version',
      terraform: terraform(coreDeployment('emr'), hpaWith('emr', 2, 4, { scale_target_ref: { kind: 'Deployment', name: 'emr' } })),
      message: 'api_version is unset',
    },
    { name: 'one replica, no HPA', terraform: coreDeployment('lis', 1), message: 'spec[0].replicas is 1 and no HPA targets it (core systems need ≥ 2)' },
    { name: 'replicas not a number', terraform: coreDeploymentWithReplicas('lis', 'two'), message: 'spec[0].replicas is "two"' },
    {
      name: 'replicas from an unresolvable variable',
      terraform: coreDeploymentWithReplicas('lis', '${var.lis_replicas}'),
      message: 'spec[0].replicas is known only after apply; failing closed',
    },
    { name: 'HPA minimum 1', terraform: terraform(coreDeployment('emr'), hpa('emr', 1, 4)), message: 'min_replicas is 1' },
    {
      name: "HPA without min_replicas (Kubernetes' default of 1)",
      terraform: terraform(coreDeployment('emr'), hpa('emr', undefined, 4)),
      message: 'kubernetes_horizontal_pod_autoscaler_v2.emr spec[0].min_replicas is 1 (core systems need ≥ 2)',
    },
    {
      name: 'HPA minimum from an unresolvable variable',
      terraform: terraform(coreDeployment('emr'), hpa('emr', '${var.emr_min_replicas}', 4)),
      message: 'kubernetes_horizontal_pod_autoscaler_v2.emr spec[0].min_replicas is known only after apply; failing closed',
    },
    {
      name: 'HPA in another namespace does not count',
      terraform: terraform(coreDeployment('billing', 1), {
        resource: {
          kubernetes_horizontal_pod_autoscaler_v2: {
            other: {
              metadata: { name: 'billing', namespace: 'guest' },
              spec: { min_replicas: 3, max_replicas: 5, scale_target_ref: { kind: 'Deployment', name: 'billing' } },
            },
          },
        },
      }),
      message: 'no HPA targets it',
    },
    {
      name: 'HPA of a StatefulSet of the same name does not scale the Deployment',
      terraform: terraform(coreDeployment('emr', 1), hpa('emr', 3, 5, 'StatefulSet')),
      message: 'no HPA targets it',
    },
    {
      name: 'HPA of another Deployment in the namespace does not count',
      terraform: terraform(coreDeployment('emr', 1), hpa('billing', 3, 5)),
      resource: 'kubernetes_deployment_v1.emr',
      message: 'no HPA targets it',
    },
    {
      name: 'tier label from an unresolvable variable',
      terraform: workload('kubernetes_deployment_v1', 'emr', { labels: { ...core, [LABELS.tier]: '${var.emr_tier}' }, replicas: 1 }),
      message: `label ${LABELS.tier} is known only after apply; failing closed`,
    },
  ],
  skip: [
    { name: 'a workload that is not core', terraform: plainDeployment('visitor-portal', 1), message: 'not a core workload' },
    {
      name: 'canary track of a gray release (the stable Deployment keeps the replicas)',
      terraform: coreCanary('emr-canary', 1),
      resource: 'kubernetes_deployment_v1.emr-canary',
      message: 'canary track of a gray release',
    },
  ],
};
