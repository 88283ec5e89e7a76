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
      message: 'runs in namespace "his"',
    },
  ],
  fail: [
    { name: 'namespace unset', terraform: workload('kubernetes_deployment_v1', 'web', { namespace: null }), message: 'metadata[0].namespace is unset (the workload lands in "default")' },
    { name: 'explicit default', terraform: workload('kubernetes_job_v1', 'once', { namespace: 'default' }), message: 'metadata[0].namespace is "default"' },
    {
      name: 'namespace known only after apply',
      terraform: workload('kubernetes_deployment_v1', 'web', { namespace: '${var.namespace}' }),
      message: 'metadata[0].namespace is known only after apply',
    },
  ],
};
