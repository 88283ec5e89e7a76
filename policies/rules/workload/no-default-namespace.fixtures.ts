import type { RuleFixtures } from '../fixtures';
import { resource, terraform, workload } from '../fixture-builders';

export const noDefaultNamespaceFixtures: RuleFixtures = {
  ruleId: 'workload/no-default-namespace',
  pass: [
    {
      name: 'namespace referenced from a namespace resource',
      terraform: terraform(
        resource('kubernetes_namespace_v1', 'his', { metadata: { name: 'his', labels: { 'platform.hospital/segment': 'medical' } } }),
        workload('kubernetes_deployment_v1', 'registration', { namespace: '${kubernetes_namespace_v1.his.metadata[0].name}' }),
      ),
    },
  ],
  fail: [
    { name: 'namespace unset', terraform: workload('kubernetes_deployment_v1', 'web', { namespace: null }), message: 'unset' },
    { name: 'explicit default', terraform: workload('kubernetes_job_v1', 'once', { namespace: 'default' }), message: '"default"' },
  ],
};
