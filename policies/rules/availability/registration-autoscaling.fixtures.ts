import { LABELS, LABEL_VALUES } from '../../labels';
import type { RuleFixtures } from '../fixtures';
import { planWith, workload } from '../fixture-builders';
import { core, coreDeployment, hpa, terraform } from './fixtures-shared';

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
      name: 'configured registration service name',
      terraform: terraform(coreDeployment('his-reg'), hpa('his-reg', 5, 12)),
      options: { plan: planWith({ clinicalSystems: { registration: { title: 'HIS registration', workload: 'his/his-reg', core: true } } }) },
    },
  ],
  fail: [
    { name: 'no HPA', terraform: coreDeployment('registration', 5), message: 'no HPA targets the registration service' },
    {
      name: 'the plan’s registration workload relabelled as another application',
      terraform: workload('kubernetes_deployment_v1', 'registration', { labels: { ...core, [LABELS.appName]: 'front-desk' }, replicas: 5 }),
      message: 'no HPA targets the registration service',
    },
    { name: 'HPA 2 to 4', terraform: terraform(coreDeployment('registration'), hpa('registration', 2, 4)), message: 'scales 2→4' },
    { name: 'HPA 5 to 8 (maximum below 10)', terraform: terraform(coreDeployment('registration'), hpa('registration', 5, 8)), message: 'scales 5→8 (expected at least 5→10)' },
    { name: 'HPA 3 to 10 (minimum below 5)', terraform: terraform(coreDeployment('registration'), hpa('registration', 3, 10)), message: 'scales 3→10 (expected at least 5→10)' },
    { name: 'HPA minimum from an unresolvable variable', terraform: terraform(coreDeployment('registration'), hpa('registration', '${var.min}', 10)), message: 'failing closed' },
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
