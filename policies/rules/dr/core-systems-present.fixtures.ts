import type { RuleFixtures } from '../fixtures';
import { workload } from '../fixture-builders';
import { LABELS, LABEL_VALUES } from '../../labels';
import { dataStoreStatefulSet, terraform } from '../backup/fixture-builders';

const coreDeployment = (name: string, replicas: number) =>
  workload('kubernetes_deployment_v1', name, { namespace: 'his', replicas, labels: { [LABELS.tier]: LABEL_VALUES.coreTier } });

const prod = terraform(coreDeployment('registration', 5), coreDeployment('billing', 3), dataStoreStatefulSet('his-db'));

export const drCoreSystemsPresentFixtures: RuleFixtures = {
  ruleId: 'dr/core-systems-present',
  pass: [
    {
      name: 'every core system and data store warm in dr',
      terraform: prod,
      otherEnvironments: { dr: terraform(coreDeployment('registration', 2), coreDeployment('billing', 1), dataStoreStatefulSet('his-db')) },
      resource: 'kubernetes_deployment_v1.billing',
    },
  ],
  fail: [
    {
      name: 'billing missing in dr',
      terraform: prod,
      otherEnvironments: { dr: terraform(coreDeployment('registration', 2), dataStoreStatefulSet('his-db')) },
      resource: 'kubernetes_deployment_v1.billing',
      message: 'core system his/billing of prod has no counterpart in dr',
    },
    {
      name: 'billing scaled to zero in dr (cold, not warm)',
      terraform: prod,
      otherEnvironments: { dr: terraform(coreDeployment('registration', 2), coreDeployment('billing', 0), dataStoreStatefulSet('his-db')) },
      message: 'a warm standby needs at least 1',
    },
    {
      name: 'data store missing in dr',
      terraform: prod,
      otherEnvironments: { dr: terraform(coreDeployment('registration', 2), coreDeployment('billing', 1)) },
      message: 'data store his-db of prod has no counterpart in dr',
    },
  ],
};
