import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, hardenedInitContainer, workload } from '../fixture-builders';
import { containerListCases } from './fixture-builders';

export const noPrivilegedFixtures: RuleFixtures = {
  ruleId: 'workload/no-privileged',
  pass: [
    {
      name: 'hardened deployment',
      terraform: workload('kubernetes_deployment_v1', 'registration', { replicas: 2 }),
      message: '1 container(s) checked: none is privileged',
    },
    { name: 'hardened unversioned daemonset', terraform: workload('kubernetes_daemonset', 'node-agent') },
    {
      name: 'init container and container both counted',
      terraform: workload('kubernetes_deployment_v1', 'his-api', { initContainers: [hardenedInitContainer()] }),
      message: '2 container(s) checked: none is privileged',
    },
  ],
  fail: [
    {
      name: 'privileged container in a stateful set',
      terraform: workload('kubernetes_stateful_set_v1', 'emr-db', {
        containers: [hardenedContainer('db', { security_context: { privileged: true } })],
      }),
      resource: 'kubernetes_stateful_set_v1.emr-db',
      message: 'container "db": spec[0].template[0].spec[0].container[0].security_context[0].privileged is true',
    },
    {
      name: 'privileged init container in a cron job',
      terraform: workload('kubernetes_cron_job_v1', 'backup', {
        initContainers: [hardenedInitContainer('prepare', { security_context: { privileged: true } })],
      }),
      message: 'init container "prepare": spec[0].job_template[0].spec[0].template[0].spec[0].init_container[0].security_context[0].privileged is true',
    },
    {
      name: 'two privileged containers both named',
      terraform: workload('kubernetes_deployment_v1', 'sidecars', {
        containers: [
          hardenedContainer('app', { security_context: { privileged: true } }),
          hardenedContainer('proxy', { security_context: { privileged: true } }),
        ],
      }),
      message:
        'container "app": spec[0].template[0].spec[0].container[0].security_context[0].privileged is true; container "proxy": spec[0].template[0].spec[0].container[1]',
    },
    {
      name: 'privileged flag known only after apply',
      terraform: workload('kubernetes_pod_v1', 'debug', {
        containers: [hardenedContainer('app', { security_context: { privileged: '${var.debug_privileged}' } })],
      }),
      message: 'spec[0].container[0].security_context[0].privileged is known only after apply',
    },
    ...containerListCases.fail,
  ],
  skip: containerListCases.skip,
};
