import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, workload } from '../fixture-builders';
import { containerListCases } from './fixture-builders';

const noContainerContext = hardenedContainer('app', { security_context: { allow_privilege_escalation: false } });
const POD_CONTEXT = 'spec[0].template[0].spec[0].security_context[0]';
const CONTAINER_CONTEXT = 'spec[0].template[0].spec[0].container[0].security_context[0]';

export const runAsNonRootFixtures: RuleFixtures = {
  ruleId: 'workload/run-as-non-root',
  pass: [
    { name: 'container sets run_as_non_root', terraform: workload('kubernetes_deployment_v1', 'emr'), message: '1 container(s) checked: all run as non-root' },
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
    {
      name: 'user 1 with run_as_non_root false',
      terraform: workload('kubernetes_deployment_v1', 'tool', {
        containers: [hardenedContainer('app', { security_context: { allow_privilege_escalation: false, run_as_non_root: false, run_as_user: 1 } })],
      }),
    },
  ],
  fail: [
    {
      name: 'no user settings anywhere',
      terraform: workload('kubernetes_stateful_set', 'lis-db', { containers: [noContainerContext], podSpec: { security_context: {} } }),
      message: `${CONTAINER_CONTEXT}.run_as_non_root is unset and no non-zero run_as_user is set`,
    },
    {
      name: 'run_as_non_root false inherited from the pod',
      terraform: workload('kubernetes_deployment_v1', 'lis-db', {
        containers: [noContainerContext],
        podSpec: { security_context: { run_as_non_root: false } },
      }),
      message: `${POD_CONTEXT}.run_as_non_root is false and no non-zero run_as_user is set`,
    },
    {
      name: 'run_as_user 0 overrides run_as_non_root',
      terraform: workload('kubernetes_job', 'fix-perms', {
        containers: [hardenedContainer('app', { security_context: { run_as_non_root: true, run_as_user: 0 } })],
      }),
      message: 'container[0].security_context[0].run_as_user is 0 (root)',
    },
    {
      name: 'run_as_user 0 inherited from the pod',
      terraform: workload('kubernetes_deployment_v1', 'fix-perms', { podSpec: { security_context: { run_as_non_root: true, run_as_user: 0 } } }),
      message: `${POD_CONTEXT}.run_as_user is 0 (root)`,
    },
    {
      name: 'pod run_as_user known only after apply',
      terraform: workload('kubernetes_deployment_v1', 'emr', { podSpec: { security_context: { run_as_non_root: true, run_as_user: '${var.uid}' } } }),
      message: `${POD_CONTEXT}.run_as_user is known only after apply`,
    },
    {
      name: 'container run_as_non_root known only after apply',
      terraform: workload('kubernetes_deployment_v1', 'emr', {
        containers: [hardenedContainer('app', { security_context: { allow_privilege_escalation: false, run_as_non_root: '${var.non_root}' } })],
      }),
      message: `${CONTAINER_CONTEXT}.run_as_non_root is known only after apply`,
    },
    ...containerListCases.fail,
  ],
  skip: containerListCases.skip,
};
