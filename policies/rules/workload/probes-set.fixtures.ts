import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, hardenedInitContainer, workload } from '../fixture-builders';

const { liveness_probe: _liveness, ...withoutLiveness } = hardenedContainer('app');

export const probesSetFixtures: RuleFixtures = {
  ruleId: 'workload/probes-set',
  pass: [
    { name: 'probes on a deployment (init container exempt)', terraform: workload('kubernetes_deployment_v1', 'emr', { initContainers: [hardenedInitContainer()] }) },
  ],
  fail: [
    { name: 'no liveness probe', terraform: workload('kubernetes_stateful_set_v1', 'lis', { containers: [withoutLiveness] }), message: 'liveness_probe missing' },
  ],
};
