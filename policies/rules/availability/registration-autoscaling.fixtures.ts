import { LABELS, LABEL_VALUES } from '../../labels';
import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, planWith, workload } from '../fixture-builders';
import { core, coreDeployment, hpa, hpaWith, plainDeployment, quota, terraform } from './fixtures-shared';

const scaleUp = (rules: Record<string, unknown>) => ({ behavior: { scale_up: rules } });
const cpuTarget = (averageUtilization: number) => ({
  metric: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', average_utilization: averageUtilization } } }],
});
const registration = coreDeployment('registration');

export const registrationAutoscalingFixtures: RuleFixtures = {
  ruleId: 'availability/registration-autoscaling',
  pass: [
    {
      name: 'HPA 5 to 10',
      terraform: terraform(coreDeployment('registration'), hpa('registration', 5, 10)),
      resource: 'kubernetes_deployment_v1.registration',
      message: 'kubernetes_horizontal_pod_autoscaler_v2.registration scales 5→10',
    },
    {
      name: 'scale-up behavior of the shipped autoscaler (100 % or 4 pods per 15 s)',
      terraform: terraform(
        registration,
        hpaWith(
          'registration',
          5,
          10,
          scaleUp({
            select_policy: 'Max',
            stabilization_window_seconds: 0,
            policy: [
              { type: 'Percent', value: 100, period_seconds: 15 },
              { type: 'Pods', value: 4, period_seconds: 15 },
            ],
          }),
        ),
      ),
      message: 'reaching 10 pods 0 s after the load rises',
    },
    {
      name: 'a stabilization window of 2 minutes and one pod per 30 s (5 → 10 in 4 minutes)',
      terraform: terraform(
        registration,
        hpaWith('registration', 5, 10, scaleUp({ stabilization_window_seconds: 120, policy: [{ type: 'Pods', value: 1, period_seconds: 30 }] })),
      ),
      message: 'reaching 10 pods 240 s after the load rises',
    },
    {
      name: 'memory utilization target below what the limits allow',
      terraform: terraform(
        registration,
        hpaWith('registration', 5, 10, {
          metric: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', average_utilization: 150 } } }],
        }),
      ),
    },
    {
      name: 'an external metric (queue length) is taken as able to trigger',
      terraform: terraform(
        registration,
        hpaWith('registration', 5, 10, {
          metric: [{ type: 'External', external: { metric: { name: 'registration_queue_length' }, target: { type: 'AverageValue', average_value: '30' } } }],
        }),
      ),
    },
    {
      name: 'a quota that admits the maximum beside the namespace’s other workloads',
      terraform: terraform(
        registration,
        hpa('registration', 5, 10),
        plainDeployment('billing', 3),
        quota({ pods: '13', 'requests.cpu': '1300m', 'limits.memory': '3328Mi' }),
      ),
    },
    {
      name: 'configured registration service name',
      terraform: terraform(coreDeployment('his-reg'), hpa('his-reg', 5, 12)),
      options: { plan: planWith({ clinicalSystems: { registration: { title: 'HIS registration', workload: 'his/his-reg', core: true } } }) },
    },
  ],
  fail: [
    { name: 'no HPA', terraform: coreDeployment('registration', 5), message: 'no HPA targets the registration service' },
    {
      name: 'scale-up Disabled',
      terraform: terraform(
        registration,
        hpaWith('registration', 5, 10, scaleUp({ select_policy: 'Disabled', policy: [{ type: 'Pods', value: 4, period_seconds: 15 }] })),
      ),
      message: 'spec[0].behavior[0].scale_up[0].select_policy is "Disabled": the HPA never adds a pod',
    },
    {
      name: 'scale-up policies that allow 0 pods',
      terraform: terraform(
        registration,
        hpaWith(
          'registration',
          5,
          10,
          scaleUp({
            policy: [
              { type: 'Pods', value: 0, period_seconds: 60 },
              { type: 'Percent', value: 0, period_seconds: 60 },
            ],
          }),
        ),
      ),
      message: 'allows 0 pods per period',
    },
    {
      name: 'a stabilization window of an hour misses the morning peak',
      terraform: terraform(
        registration,
        hpaWith('registration', 5, 10, scaleUp({ stabilization_window_seconds: 3600, policy: [{ type: 'Percent', value: 100, period_seconds: 15 }] })),
      ),
      message: 'does not reach 10 pods within 5 minutes of the load rising',
    },
    {
      name: 'one pod every 10 minutes',
      terraform: terraform(
        registration,
        hpaWith(
          'registration',
          5,
          10,
          scaleUp({
            select_policy: 'Min',
            policy: [
              { type: 'Pods', value: 1, period_seconds: 600 },
              { type: 'Percent', value: 100, period_seconds: 15 },
            ],
          }),
        ),
      ),
      message: 'it has reached only 6 of 10 pods 5 minutes after the load rises',
    },
    {
      name: 'a stricter plan (2 minutes) than the window allows',
      terraform: terraform(
        registration,
        hpaWith('registration', 5, 10, scaleUp({ stabilization_window_seconds: 180, policy: [{ type: 'Percent', value: 100, period_seconds: 15 }] })),
      ),
      options: { plan: planWith({ availability: { registration: { system: 'registration', minReplicas: 5, maxReplicas: 10, scaleUpWithinMinutes: 2 } } }) },
      message: 'within 2 minutes',
    },
    {
      name: 'a CPU target above what the limits allow (500 % of the requests)',
      terraform: terraform(registration, hpaWith('registration', 5, 10, cpuTarget(600))),
      message: 'targets 600 % cpu utilization, but the limits cap it at 500 % of the requests',
    },
    {
      name: 'a CPU target on containers that request no CPU',
      terraform: terraform(
        workload('kubernetes_deployment_v1', 'registration', {
          labels: core,
          containers: [hardenedContainer('app', { resources: { limits: { memory: '256Mi' } } })],
        }),
        hpaWith('registration', 5, 10, cpuTarget(70)),
      ),
      message: 'requests no cpu: the controller cannot compute it',
    },
    {
      name: 'an average-value target above the pod’s memory limit',
      terraform: terraform(
        registration,
        hpaWith('registration', 5, 10, {
          metric: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', average_value: '1Gi' } } }],
        }),
      ),
      message: "at or above the pod's limit",
    },
    {
      name: 'the registration HPA targets another Deployment',
      terraform: terraform(registration, coreDeployment('billing', 3), hpa('registration', 5, 10, 'Deployment', 'billing')),
      resource: 'kubernetes_deployment_v1.registration',
      message: 'no HPA targets the registration service (expected 5→10) (kubernetes_horizontal_pod_autoscaler_v2.registration targets Deployment billing)',
    },
    {
      name: 'a target reference without the apps/v1 API version',
      terraform: terraform(
        registration,
        hpaWith('registration', 5, 10, { scale_target_ref: { api_version: 'extensions/v1beta1', kind: 'Deployment', name: 'registration' } }),
      ),
      message: 'api_version is "extensions/v1beta1"',
    },
    {
      name: 'two autoscalers for the same Deployment',
      terraform: terraform(registration, hpa('registration', 5, 10), {
        resource: {
          kubernetes_horizontal_pod_autoscaler_v2: {
            second: {
              metadata: { name: 'registration-peak', namespace: 'his' },
              spec: { min_replicas: 5, max_replicas: 12, scale_target_ref: { api_version: 'apps/v1', kind: 'Deployment', name: 'registration' } },
            },
          },
        },
      }),
      message: 'all target it',
    },
    {
      name: 'an HPA maximum above the namespace’s pod quota',
      terraform: terraform(registration, hpa('registration', 5, 10), quota({ pods: '8' })),
      message: 'spec[0].hard["pods"] is 8, but its HPA maximum of 10 pods needs 10 pods: the quota rejects the pods beyond it',
    },
    {
      name: 'a pod quota the other workloads of the namespace leave too little of',
      terraform: terraform(registration, hpa('registration', 5, 10), plainDeployment('billing', 3), quota({ 'count/pods': '12' })),
      message: "besides 3 pods of the namespace's other workloads at their maximum (billing)",
    },
    {
      name: 'a CPU request quota below the maximum’s requests',
      terraform: terraform(registration, hpa('registration', 5, 10), quota({ 'requests.cpu': '800m' })),
      message: 'spec[0].hard["requests.cpu"] is 800m, but its HPA maximum of 10 pods needs 1 CPU',
    },
    {
      name: 'the plan’s registration workload relabelled as another application',
      terraform: workload('kubernetes_deployment_v1', 'registration', { labels: { ...core, [LABELS.appName]: 'front-desk' }, replicas: 5 }),
      message: 'no HPA targets the registration service',
    },
    { name: 'HPA 2 to 4', terraform: terraform(coreDeployment('registration'), hpa('registration', 2, 4)), message: 'scales 2→4' },
    {
      name: 'HPA 5 to 8 (maximum below 10)',
      terraform: terraform(coreDeployment('registration'), hpa('registration', 5, 8)),
      message: 'scales 5→8 (expected at least 5→10)',
    },
    {
      name: 'HPA 3 to 10 (minimum below 5)',
      terraform: terraform(coreDeployment('registration'), hpa('registration', 3, 10)),
      message: 'scales 3→10 (expected at least 5→10)',
    },
    {
      name: 'HPA minimum from an unresolvable variable',
      terraform: terraform(coreDeployment('registration'), hpa('registration', '${var.min}', 10)),
      message: 'failing closed',
    },
    {
      name: 'application name label from an unresolvable variable on a workload the plan does not name',
      terraform: workload('kubernetes_deployment_v1', 'frontdesk', { labels: { ...core, [LABELS.appName]: '${var.app_name}' } }),
      message: `label ${LABELS.appName} is known only after apply; failing closed`,
    },
  ],
  skip: [
    {
      name: 'another core system',
      terraform: coreDeployment('billing', 2),
      resource: 'kubernetes_deployment_v1.billing',
      message: 'not the registration service (his/registration in the plan)',
    },
    {
      name: 'canary track of the registration service (the HPA scales the stable Deployment)',
      terraform: workload('kubernetes_deployment_v1', 'registration_canary', {
        name: 'registration-canary',
        labels: { ...core, [LABELS.appName]: 'registration', [LABELS.track]: LABEL_VALUES.canaryTrack },
        replicas: 1,
      }),
      message: 'canary track of a gray release: the HPA scales the stable Deployment',
    },
  ],
};
