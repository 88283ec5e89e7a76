import { LABELS } from '../../labels';
import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, planWith, workload } from '../fixture-builders';
import { core, coreCanary, coreDeployment, hpa, pdb, plainDeployment, terraform } from './fixtures-shared';

const registrationPods = { [LABELS.appName]: 'registration' };
/** A core Deployment of another application whose pods carry the registration label too. */
const impostor = workload('kubernetes_deployment_v1', 'kiosk', {
  labels: { ...core, ...registrationPods },
  replicas: 3,
  containers: [hardenedContainer('kiosk', { image: 'registry.hospital.example/his/kiosk:1.0.0@sha256:' + 'b'.repeat(64) })],
});

export const coreDisruptionBudgetFixtures: RuleFixtures = {
  ruleId: 'availability/core-disruption-budget',
  pass: [
    {
      name: 'PDB selects the pods',
      terraform: terraform(coreDeployment('registration', 2), pdb('registration')),
      resource: 'kubernetes_deployment_v1.registration',
      message: 'covered by kubernetes_pod_disruption_budget_v1.registration',
    },
    {
      name: 'max_unavailable 1 of 3 replicas keeps 2',
      terraform: terraform(coreDeployment('emr', 3), pdb('emr', 'his', undefined, { max_unavailable: '1' })),
      resource: 'kubernetes_deployment_v1.emr',
      message: 'spec[0].max_unavailable "1" lets 1 of 3 pods go at its minimum of 3 pod(s), keeping 2 ≥ 1',
    },
    {
      name: 'max_unavailable 50 % of 3 rounds up to 2, keeping 1',
      terraform: terraform(coreDeployment('emr', 3), pdb('emr', 'his', undefined, { max_unavailable: '50%' })),
      message: 'lets 2 of 3 pods go',
    },
    {
      name: 'min_available 34 % of 2 rounds up to 1',
      terraform: terraform(coreDeployment('lis', 2), pdb('lis', 'his', undefined, { min_available: '34%' })),
      message: 'keeps 1 of 2 pods',
    },
    {
      name: 'integer min_available as a number',
      terraform: terraform(coreDeployment('lis', 2), pdb('lis', 'his', undefined, { min_available: 1 })),
    },
    {
      name: 'selector by match_expressions',
      terraform: terraform(
        coreDeployment('emr', 2),
        pdb('emr', 'his', undefined, { min_available: '1' }, { match_expressions: [{ key: LABELS.appName, operator: 'In', values: ['emr', 'emr-next'] }] }),
      ),
      message: 'covered by kubernetes_pod_disruption_budget_v1.emr',
    },
    {
      name: 'an empty selector selects every pod of the namespace (policy/v1)',
      terraform: terraform(coreDeployment('emr', 2), pdb('emr', 'his', undefined, { min_available: '1' }, {})),
    },
    {
      name: 'HPA minimum as the replica count: 60 % of 5 keeps 3',
      terraform: terraform(coreDeployment('registration'), hpa('registration', 5, 10), pdb('registration', 'his', undefined, { min_available: '60%' })),
      message: 'keeps 3 of 5 pods',
    },
    {
      name: 'a canary of the same application counts as the system’s pods',
      terraform: terraform(coreDeployment('emr', 2), coreCanary('emr-canary', 1), pdb('emr', 'his', { [LABELS.appName]: 'emr' }, { min_available: '1' })),
      resource: 'kubernetes_deployment_v1.emr',
    },
    {
      name: 'a stricter plan met: 2 of 3 pods kept',
      terraform: terraform(coreDeployment('emr', 3), pdb('emr', 'his', undefined, { min_available: '2' })),
      options: { plan: planWith({ availability: { coreMinAvailableDuringDisruption: 2 } }) },
    },
  ],
  fail: [
    { name: 'no PDB', terraform: coreDeployment('registration', 2), message: 'no PodDisruptionBudget' },
    {
      name: 'min_available 0',
      terraform: terraform(coreDeployment('emr', 3), pdb('emr', 'his', undefined, { min_available: '0' })),
      resource: 'kubernetes_deployment_v1.emr',
      message:
        'spec[0].min_available "0" keeps 0 of 3 pods at the workload\'s minimum of 3 pod(s), keeping 0 of its pods: fewer than 1 pod(s) stay through a node drain',
    },
    {
      name: 'max_unavailable 100 %',
      terraform: terraform(coreDeployment('emr', 3), pdb('emr', 'his', undefined, { max_unavailable: '100%' })),
      message: 'spec[0].max_unavailable "100%" lets 3 of 3 pods go',
    },
    {
      name: 'max_unavailable equal to the replicas',
      terraform: terraform(coreDeployment('billing', 2), pdb('billing', 'his', undefined, { max_unavailable: '2' })),
      message: 'lets 2 of 2 pods go',
    },
    {
      name: 'max_unavailable 51 % of 2 rounds up to both pods',
      terraform: terraform(coreDeployment('billing', 2), pdb('billing', 'his', undefined, { max_unavailable: '51%' })),
      message: 'lets 2 of 2 pods go',
    },
    {
      name: 'min_available 0 %',
      terraform: terraform(coreDeployment('lis', 3), pdb('lis', 'his', undefined, { min_available: '0%' })),
      message: 'keeps 0 of 3 pods',
    },
    {
      name: 'neither min_available nor max_unavailable',
      terraform: terraform(coreDeployment('lis', 3), pdb('lis', 'his', undefined, {})),
      message: 'neither spec[0].min_available nor spec[0].max_unavailable is set',
    },
    {
      name: 'both min_available and max_unavailable',
      terraform: terraform(coreDeployment('lis', 3), pdb('lis', 'his', undefined, { min_available: '1', max_unavailable: '1' })),
      message: 'sets both min_available and max_unavailable',
    },
    {
      name: 'max_unavailable known only after apply',
      terraform: terraform(coreDeployment('lis', 3), pdb('lis', 'his', undefined, { max_unavailable: '${var.lis_max_unavailable}' })),
      message: 'spec[0].max_unavailable is known only after apply; failing closed',
    },
    {
      name: 'min_available that is neither a count nor a percentage',
      terraform: terraform(coreDeployment('lis', 3), pdb('lis', 'his', undefined, { min_available: 'one' })),
      message: 'neither a count nor a percentage',
    },
    {
      name: 'selector matching no pod of the workload',
      terraform: terraform(coreDeployment('emr', 3), pdb('emr', 'his', { [LABELS.appName]: 'emr-v2' })),
      message: 'no PodDisruptionBudget in its namespace selects its pods',
    },
    {
      name: 'match_expressions excluding the workload’s pods',
      terraform: terraform(
        coreDeployment('emr', 3),
        pdb(
          'emr',
          'his',
          undefined,
          { min_available: '2' },
          { match_labels: { [LABELS.tier]: 'core' }, match_expressions: [{ key: LABELS.appName, operator: 'NotIn', values: ['emr'] }] },
        ),
      ),
      message: 'no PodDisruptionBudget in its namespace selects its pods',
    },
    {
      name: 'a budget shared with another application may keep only that application’s pods',
      terraform: terraform(coreDeployment('registration', 2), impostor, pdb('registration', 'his', registrationPods, { min_available: '3' })),
      resource: 'kubernetes_deployment_v1.registration',
      message: 'its selector also covers 3 pod(s) of other workloads',
    },
    {
      name: 'a single replica with min_available 1 (the drain is blocked, yet only the pod that exists is kept) under a plan asking 2',
      terraform: terraform(coreDeployment('emr', 1), pdb('emr', 'his', undefined, { min_available: '2' })),
      options: { plan: planWith({ availability: { coreMinAvailableDuringDisruption: 2 } }) },
      message: 'keeping 1 of its pods: fewer than 2 pod(s)',
    },
    {
      name: 'the plan’s EMR without the core label (core by the plan) and min_available 0',
      terraform: terraform(
        workload('kubernetes_deployment_v1', 'emr', { namespace: 'emr', replicas: 3 }),
        pdb('emr', 'emr', undefined, { min_available: '0' }),
      ),
      resource: 'kubernetes_deployment_v1.emr',
      message: 'keeps 0 of 3 pods',
    },
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
