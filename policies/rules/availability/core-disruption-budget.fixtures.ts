import { LABELS } from '../../labels';
import type { RuleFixtures } from '../fixtures';
import { workload } from '../fixture-builders';
import { core, coreDeployment, pdb, plainDeployment, terraform } from './fixtures-shared';

export const coreDisruptionBudgetFixtures: RuleFixtures = {
  ruleId: 'availability/core-disruption-budget',
  pass: [
    {
      name: 'PDB selects the pods',
      terraform: terraform(coreDeployment('registration', 2), pdb('registration')),
      resource: 'kubernetes_deployment_v1.registration',
      message: 'covered by kubernetes_pod_disruption_budget_v1.registration',
    },
  ],
  fail: [
    { name: 'no PDB', terraform: coreDeployment('registration', 2), message: 'no PodDisruptionBudget' },
    { name: 'PDB in another namespace', terraform: terraform(coreDeployment('emr', 2), pdb('emr', 'emr-other')), message: 'no PodDisruptionBudget' },
    {
      name: 'PDB in the namespace selecting the pods of another system',
      terraform: terraform(coreDeployment('emr', 2), pdb('billing-pdb', 'his', { [LABELS.appName]: 'billing' })),
      resource: 'kubernetes_deployment_v1.emr',
      message: 'no PodDisruptionBudget in its namespace selects its pods',
    },
    {
      name: 'PDB whose selector is known only after apply does not count',
      terraform: terraform(coreDeployment('emr', 2), pdb('emr', 'his', '${var.emr_pdb_selector}')),
      message: 'no PodDisruptionBudget',
    },
    {
      name: 'tier label from an unresolvable variable',
      terraform: workload('kubernetes_deployment_v1', 'emr', { labels: { ...core, [LABELS.tier]: '${var.emr_tier}' }, replicas: 2 }),
      message: `label ${LABELS.tier} is known only after apply; failing closed`,
    },
  ],
  skip: [
    {
      name: 'a workload that is not core',
      terraform: plainDeployment('visitor-portal', 1),
      resource: 'kubernetes_deployment_v1.visitor-portal',
      message: 'not a core workload',
    },
  ],
};
