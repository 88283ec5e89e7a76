import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, hardenedInitContainer, workload } from '../fixture-builders';

export const resourcesSetFixtures: RuleFixtures = {
  ruleId: 'workload/resources-set',
  pass: [
    { name: 'requests and limits', terraform: workload('kubernetes_deployment_v1', 'registration', { initContainers: [hardenedInitContainer()] }) },
    {
      name: 'limit from a variable',
      terraform: {
        ...workload('kubernetes_deployment_v1', 'billing', {
          containers: [hardenedContainer('app', { resources: { requests: { cpu: '100m', memory: '1Gi' }, limits: { cpu: '1', memory: '${var.billing_memory}' } } })],
        }),
        variable: { billing_memory: { type: 'string' } },
      },
    },
  ],
  fail: [
    {
      name: 'no limits',
      terraform: workload('kubernetes_deployment_v1', 'emr', { containers: [hardenedContainer('app', { resources: { requests: { cpu: '1', memory: '1Gi' } } })] }),
      message: 'lacks limits.cpu, limits.memory',
    },
    {
      name: 'init container without resources',
      terraform: workload('kubernetes_job_v1', 'migrate', { initContainers: [hardenedInitContainer('init', { resources: {} })] }),
      message: 'init container "init"',
    },
  ],
};
