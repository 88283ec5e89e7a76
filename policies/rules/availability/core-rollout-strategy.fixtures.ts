import type { RuleFixtures } from '../fixtures';
import { planWith, terraform, workload } from '../fixture-builders';
import { core, coreCanary, hpa, plainDeployment } from './fixtures-shared';

type Json = Record<string, unknown>;

/** A core Deployment of `name` with `replicas` (undefined: HPA-managed) and the given `strategy` block (undefined: none). */
function rolled(name: string, replicas: number | undefined, strategy?: Json) {
  const json = workload('kubernetes_deployment_v1', name, { labels: core, ...(replicas === undefined ? {} : { replicas }) }) as {
    resource: Record<string, Record<string, { spec: Json }>>;
  };
  if (strategy) json.resource.kubernetes_deployment_v1![name]!.spec.strategy = strategy;
  return json;
}
const rolling = (maxUnavailable: unknown, maxSurge: unknown = '25%') => ({
  type: 'RollingUpdate',
  rolling_update: { max_surge: maxSurge, max_unavailable: maxUnavailable },
});
/** A core StatefulSet with the given `update_strategy` block. */
function statefulSet(replicas: number, updateStrategy?: Json) {
  const json = workload('kubernetes_stateful_set_v1', 'lis', { labels: core, replicas }) as { resource: Record<string, Record<string, { spec: Json }>> };
  if (updateStrategy) json.resource.kubernetes_stateful_set_v1!.lis!.spec.update_strategy = updateStrategy;
  return json;
}

export const coreRolloutStrategyFixtures: RuleFixtures = {
  ruleId: 'availability/core-rollout-strategy',
  pass: [
    {
      name: 'surge first, nothing unavailable (as shipped)',
      terraform: rolled('emr', 3, rolling('0')),
      message: 'RollingUpdate with max_unavailable "0" (0 of 3 pods) and max_surge 1 keeps 3 ≥ 1 pod(s) serving during a release',
    },
    {
      name: 'no strategy block: Kubernetes’ 25 % of 2 rounds down to 0',
      terraform: rolled('billing', 2),
      message: 'keeps 2 ≥ 1',
    },
    {
      name: 'max_unavailable 1 of 2 keeps one',
      terraform: rolled('billing', 2, rolling(1, 0)),
      message: 'keeps 1 ≥ 1',
    },
    {
      name: 'the HPA minimum is the replica count: 50 % of 5 rounds down to 2',
      terraform: terraform(rolled('registration', undefined, rolling('50%')), hpa('registration', 5, 10)),
      resource: 'kubernetes_deployment_v1.registration',
      message: '(2 of 5 pods)',
    },
    {
      name: 'both percentages round to nothing: the controller lets one pod go',
      terraform: rolled('emr', 3, rolling('10%', '0%')),
      message: 'keeps 2 ≥ 1',
    },
    { name: 'a StatefulSet rolls one pod at a time', terraform: statefulSet(3), message: 'RollingUpdate replacing 1 of 3 pods at a time keeps 2 ≥ 1' },
    {
      name: 'a StatefulSet with OnDelete (decision: accepted, the controller takes no pod down)',
      terraform: statefulSet(3, { type: 'OnDelete' }),
      message: 'spec[0].update_strategy[0].type is "OnDelete"',
    },
  ],
  fail: [
    {
      name: 'Recreate',
      terraform: rolled('emr', 3, { type: 'Recreate' }),
      message:
        'spec[0].strategy[0].type is "Recreate": every release stops all 3 pod(s) before starting new ones (plan: availability.coreMinAvailableDuringDisruption = 1)',
    },
    {
      name: 'max_unavailable 100 %',
      terraform: rolled('lis', 3, rolling('100%')),
      message: 'max_unavailable "100%" (3 of 3 pods) and max_surge 1 keeps 0 pod(s) serving during a release, fewer than 1',
    },
    {
      name: 'max_unavailable equal to the replicas',
      terraform: rolled('billing', 2, rolling(2)),
      message: '(2 of 2 pods)',
    },
    {
      name: 'max_unavailable above the replicas',
      terraform: rolled('billing', 2, rolling('5', '0')),
      message: 'keeps 0 pod(s)',
    },
    {
      name: 'max_surge 0 with max_unavailable leaving fewer than the plan asks',
      terraform: rolled('emr', 3, rolling(2, 0)),
      options: { plan: planWith({ availability: { coreMinAvailableDuringDisruption: 2 } }) },
      message: 'keeps 1 pod(s) serving during a release, fewer than 2',
    },
    {
      name: 'max_surge and max_unavailable both 0',
      terraform: rolled('emr', 3, rolling('0', 0)),
      message: 'sets max_surge and max_unavailable both to 0, which the API server rejects',
    },
    {
      name: 'max_unavailable known only after apply',
      terraform: rolled('emr', 3, rolling('${var.unavailable}')),
      message: 'max_unavailable is known only after apply; failing closed',
    },
    {
      name: 'a strategy type nobody knows',
      terraform: rolled('emr', 3, { type: 'BlueGreen' }),
      message: 'neither RollingUpdate nor Recreate',
    },
    {
      name: 'EMR without the core label is core by the plan, and Recreate',
      terraform: (() => {
        const json = workload('kubernetes_deployment_v1', 'emr', { namespace: 'emr', replicas: 3 }) as {
          resource: Record<string, Record<string, { spec: Json }>>;
        };
        json.resource.kubernetes_deployment_v1!.emr!.spec.strategy = { type: 'Recreate' };
        return json;
      })(),
      resource: 'kubernetes_deployment_v1.emr',
      message: '"Recreate"',
    },
    { name: 'a single-pod StatefulSet rolling its only pod', terraform: statefulSet(1), message: 'replacing 1 of 1 pods at a time keeps 0 pod(s)' },
  ],
  skip: [
    {
      name: 'a workload that is not core',
      terraform: plainDeployment('visitor-portal', 1),
      resource: 'kubernetes_deployment_v1.visitor-portal',
      message: 'not a core workload',
    },
    {
      name: 'the canary track of a gray release',
      terraform: coreCanary('emr-canary', 1),
      resource: 'kubernetes_deployment_v1.emr-canary',
      message: 'canary track of a gray release',
    },
  ],
};
