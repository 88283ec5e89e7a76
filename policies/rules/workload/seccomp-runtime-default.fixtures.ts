import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, workload } from '../fixture-builders';

export const seccompRuntimeDefaultFixtures: RuleFixtures = {
  ruleId: 'workload/seccomp-runtime-default',
  pass: [
    { name: 'pod-level RuntimeDefault', terraform: workload('kubernetes_deployment_v1', 'emr') },
    {
      name: 'container-level RuntimeDefault',
      terraform: workload('kubernetes_job_v1', 'export', {
        podSpec: { security_context: { run_as_non_root: true } },
        containers: [hardenedContainer('app', { security_context: { run_as_non_root: true, allow_privilege_escalation: false, seccomp_profile: { type: 'RuntimeDefault' } } })],
      }),
    },
  ],
  fail: [
    {
      name: 'no seccomp profile',
      terraform: workload('kubernetes_deployment_v1', 'lis', { podSpec: { security_context: { run_as_non_root: true } } }),
      message: 'seccomp_profile[0].type is unset',
    },
    {
      name: 'Unconfined container overrides the pod',
      terraform: workload('kubernetes_stateful_set_v1', 'cache', {
        containers: [hardenedContainer('redis', { security_context: { run_as_non_root: true, seccomp_profile: { type: 'Unconfined' } } })],
      }),
      message: '"Unconfined"',
    },
  ],
};
