/** Fixture pieces of the availability rules: a core workload, its HPA and its PDB. */
import { LABELS, LABEL_VALUES } from '../../labels';
import { resource, terraform, workload } from '../fixture-builders';

export const core = { [LABELS.tier]: LABEL_VALUES.coreTier };

export const coreDeployment = (name: string, replicas?: number) =>
  workload('kubernetes_deployment_v1', name, { labels: core, ...(replicas === undefined ? {} : { replicas }) });

export const hpa = (name: string, min: number | string, max: number, kind = 'Deployment') =>
  resource('kubernetes_horizontal_pod_autoscaler_v2', name, {
    metadata: { name, namespace: 'his' },
    spec: {
      min_replicas: min,
      max_replicas: max,
      scale_target_ref: { api_version: 'apps/v1', kind, name },
      metric: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', average_utilization: 70 } } }],
    },
  });

export const pdb = (name: string, namespace = 'his') =>
  resource('kubernetes_pod_disruption_budget_v1', name, {
    metadata: { name, namespace },
    spec: { min_available: '1', selector: { match_labels: { [LABELS.appName]: name } } },
  });

export { terraform };
