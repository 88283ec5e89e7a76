import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, hardenedInitContainer, workload } from '../fixture-builders';
import { containerListCases } from './fixture-builders';

const withResources = (resources: Record<string, unknown>) => hardenedContainer('app', { resources });

export const resourcesSetFixtures: RuleFixtures = {
  ruleId: 'workload/resources-set',
  pass: [
    {
      name: 'requests and limits',
      terraform: workload('kubernetes_deployment_v1', 'registration', { initContainers: [hardenedInitContainer()] }),
      message: '2 container(s) checked: CPU and memory requests and limits are set',
    },
    {
      name: 'limit from a variable',
      terraform: {
        ...workload('kubernetes_deployment_v1', 'billing', {
          containers: [withResources({ requests: { cpu: '100m', memory: '1Gi' }, limits: { cpu: '1', memory: '${var.billing_memory}' } })],
        }),
        variable: { billing_memory: { type: 'string' } },
      },
    },
  ],
  fail: [
    {
      name: 'no limits',
      terraform: workload('kubernetes_deployment_v1', 'emr', { containers: [withResources({ requests: { cpu: '1', memory: '1Gi' } })] }),
      message: 'container[0].resources[0] lacks limits.cpu, limits.memory',
    },
    {
      name: 'empty CPU limit and null memory limit',
      terraform: workload('kubernetes_deployment_v1', 'emr', {
        containers: [withResources({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '', memory: null } })],
      }),
      message: 'container[0].resources[0] lacks limits.cpu, limits.memory',
    },
    {
      name: 'init container without resources',
      terraform: workload('kubernetes_job_v1', 'migrate', { initContainers: [hardenedInitContainer('init', { resources: {} })] }),
      message:
        'init container "init": spec[0].template[0].spec[0].init_container[0].resources[0] lacks requests.cpu, requests.memory, limits.cpu, limits.memory',
    },
    {
      name: 'requests known only after apply',
      terraform: workload('kubernetes_deployment_v1', 'emr', {
        containers: [withResources({ requests: '${var.requests}', limits: { cpu: '1', memory: '1Gi' } })],
      }),
      message: 'container[0].resources[0].requests is known only after apply',
    },
    {
      name: 'limits known only after apply',
      terraform: workload('kubernetes_deployment_v1', 'emr', {
        containers: [withResources({ requests: { cpu: '1', memory: '1Gi' }, limits: '${var.limits}' })],
      }),
      message: 'container[0].resources[0].limits is known only after apply',
    },
    ...containerListCases.fail,
  ],
  skip: containerListCases.skip,
};
