import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, hardenedInitContainer, workload } from '../fixture-builders';

export const noPrivilegeEscalationFixtures: RuleFixtures = {
  ruleId: 'workload/no-privilege-escalation',
  pass: [
    { name: 'hardened job with init container', terraform: workload('kubernetes_job_v1', 'migrate', { initContainers: [hardenedInitContainer()] }) },
  ],
  fail: [
    {
      name: 'allow_privilege_escalation unset',
      terraform: workload('kubernetes_deployment', 'billing', { containers: [hardenedContainer('app', { security_context: { run_as_non_root: true } })] }),
      message: 'defaults to true',
    },
    {
      name: 'init container allows escalation',
      terraform: workload('kubernetes_replication_controller_v1', 'legacy', {
        initContainers: [hardenedInitContainer('init', { security_context: { allow_privilege_escalation: true } })],
      }),
      message: 'init container "init"',
    },
  ],
};
