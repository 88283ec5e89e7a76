import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, workload } from '../fixture-builders';
import { containerListCases } from './fixture-builders';

const withProfile = (name: string, type: unknown) =>
  hardenedContainer(name, { security_context: { run_as_non_root: true, allow_privilege_escalation: false, seccomp_profile: { type } } });

export const seccompRuntimeDefaultFixtures: RuleFixtures = {
  ruleId: 'workload/seccomp-runtime-default',
  pass: [
    {
      name: 'pod-level RuntimeDefault',
      terraform: workload('kubernetes_deployment_v1', 'emr'),
      message: '1 container(s) checked: all use a RuntimeDefault/Localhost seccomp profile',
    },
    {
      name: 'container-level RuntimeDefault',
      terraform: workload('kubernetes_job_v1', 'export', {
        podSpec: { security_context: { run_as_non_root: true } },
        containers: [withProfile('app', 'RuntimeDefault')],
      }),
    },
    {
      name: 'container-level Localhost profile',
      terraform: workload('kubernetes_deployment_v1', 'pacs', {
        podSpec: { security_context: { run_as_non_root: true } },
        containers: [withProfile('app', 'Localhost')],
      }),
    },
  ],
  fail: [
    {
      name: 'no seccomp profile',
      terraform: workload('kubernetes_deployment_v1', 'lis', { podSpec: { security_context: { run_as_non_root: true } } }),
      message: 'container[0].security_context[0].seccomp_profile[0].type is unset (expected RuntimeDefault)',
    },
    {
      name: 'Unconfined container overrides the pod',
      terraform: workload('kubernetes_stateful_set_v1', 'cache', { containers: [withProfile('redis', 'Unconfined')] }),
      message: 'container[0].security_context[0].seccomp_profile[0].type is "Unconfined"',
    },
    {
      name: 'Unconfined inherited from the pod',
      terraform: workload('kubernetes_deployment_v1', 'cache', {
        podSpec: { security_context: { run_as_non_root: true, seccomp_profile: { type: 'Unconfined' } } },
      }),
      message: 'spec[0].template[0].spec[0].security_context[0].seccomp_profile[0].type is "Unconfined"',
    },
    {
      name: 'seccomp profile known only after apply',
      terraform: workload('kubernetes_deployment_v1', 'lis', { containers: [withProfile('app', '${var.seccomp_profile}')] }),
      message: 'container[0].security_context[0].seccomp_profile[0].type is known only after apply',
    },
    ...containerListCases.fail,
  ],
  skip: containerListCases.skip,
};
