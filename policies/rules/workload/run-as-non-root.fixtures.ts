import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, workload } from '../fixture-builders';

const noContainerContext = hardenedContainer('app', { security_context: { allow_privilege_escalation: false } });

export const runAsNonRootFixtures: RuleFixtures = {
  ruleId: 'workload/run-as-non-root',
  pass: [
    { name: 'container sets run_as_non_root', terraform: workload('kubernetes_deployment_v1', 'emr') },
    {
      name: 'inherited from the pod security context',
      terraform: workload('kubernetes_daemon_set_v1', 'log-shipper', {
        containers: [noContainerContext],
        podSpec: { security_context: { run_as_non_root: true, seccomp_profile: { type: 'RuntimeDefault' } } },
      }),
    },
    {
      name: 'explicit non-zero user',
      terraform: workload('kubernetes_pod', 'tool', { containers: [noContainerContext], podSpec: { security_context: { run_as_user: 10001 } } }),
    },
  ],
  fail: [
    {
      name: 'no user settings anywhere',
      terraform: workload('kubernetes_stateful_set', 'lis-db', { containers: [noContainerContext], podSpec: { security_context: {} } }),
      message: 'no non-zero run_as_user',
    },
    {
      name: 'run_as_user 0 overrides run_as_non_root',
      terraform: workload('kubernetes_job', 'fix-perms', {
        containers: [hardenedContainer('app', { security_context: { run_as_non_root: true, run_as_user: 0 } })],
      }),
      message: 'is 0 (root)',
    },
  ],
};
