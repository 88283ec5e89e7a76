import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, hardenedInitContainer, workload } from '../fixture-builders';
import { containerListCases } from './fixture-builders';

const { liveness_probe: _liveness, ...withoutLiveness } = hardenedContainer('app');
const { liveness_probe: _l, readiness_probe: _r, ...withoutProbes } = hardenedContainer('app');

export const probesSetFixtures: RuleFixtures = {
  ruleId: 'workload/probes-set',
  pass: [
    {
      name: 'probes on a deployment (init container exempt)',
      terraform: workload('kubernetes_deployment_v1', 'emr', { initContainers: [hardenedInitContainer()] }),
      message: '1 container(s) checked: liveness and readiness probes are set',
    },
    {
      name: 'probe known only after apply is declared',
      terraform: workload('kubernetes_deployment_v1', 'emr', { containers: [hardenedContainer('app', { liveness_probe: '${var.liveness_probe}' })] }),
    },
  ],
  fail: [
    {
      name: 'no liveness probe',
      terraform: workload('kubernetes_stateful_set_v1', 'lis', { containers: [withoutLiveness] }),
      message: 'spec[0].template[0].spec[0].container[0].liveness_probe missing',
    },
    {
      name: 'no probes at all',
      terraform: workload('kubernetes_pod_v1', 'lis', { containers: [withoutProbes] }),
      message: 'spec[0].container[0].liveness_probe and spec[0].container[0].readiness_probe missing',
    },
    {
      name: 'readiness probe as an empty block list',
      terraform: workload('kubernetes_deployment_v1', 'lis', { containers: [hardenedContainer('app', { readiness_probe: [] })] }),
      message: 'container[0].readiness_probe missing',
    },
    ...containerListCases.fail,
  ],
  skip: [
    ...containerListCases.skip,
    {
      name: 'job runs to completion',
      terraform: workload('kubernetes_job_v1', 'migrate', { containers: [withoutProbes] }),
      message: 'kubernetes_job_v1 runs to completion; probes do not apply',
    },
    {
      name: 'cron job runs to completion',
      terraform: workload('kubernetes_cron_job', 'report', { containers: [withoutProbes] }),
      message: 'kubernetes_cron_job runs to completion',
    },
    {
      name: 'only init containers',
      terraform: workload('kubernetes_deployment_v1', 'init-only', { containers: [], initContainers: [hardenedInitContainer()] }),
      message: 'no containers to check',
    },
  ],
};
