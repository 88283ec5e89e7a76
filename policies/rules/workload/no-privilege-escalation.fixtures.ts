import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, hardenedInitContainer, workload } from '../fixture-builders';
import { containerListCases } from './fixture-builders';

export const noPrivilegeEscalationFixtures: RuleFixtures = {
  ruleId: 'workload/no-privilege-escalation',
  pass: [
    {
      name: 'hardened job with init container',
      terraform: workload('kubernetes_job_v1', 'migrate', { initContainers: [hardenedInitContainer()] }),
      message: '2 container(s) checked: allow_privilege_escalation is false everywhere',
    },
  ],
  fail: [
    {
      name: 'allow_privilege_escalation unset',
      terraform: workload('kubernetes_deployment', 'billing', { containers: [hardenedContainer('app', { security_context: { run_as_non_root: true } })] }),
      message: 'container[0].security_context[0].allow_privilege_escalation is unset (Kubernetes defaults to true)',
    },
    {
      name: 'init container allows escalation',
      terraform: workload('kubernetes_replication_controller_v1', 'legacy', {
        initContainers: [hardenedInitContainer('init', { security_context: { allow_privilege_escalation: true } })],
      }),
      message: 'init container "init": spec[0].template[0].spec[0].init_container[0].security_context[0].allow_privilege_escalation is true',
    },
    {
      name: 'allow_privilege_escalation known only after apply',
      terraform: workload('kubernetes_deployment_v1', 'billing', {
        containers: [hardenedContainer('app', { security_context: { allow_privilege_escalation: '${var.escalation}', run_as_non_root: true } })],
      }),
      message: 'container[0].security_context[0].allow_privilege_escalation is known only after apply',
    },
    ...containerListCases.fail,
  ],
  skip: containerListCases.skip,
};
