import type { RuleFixtures } from '../fixtures';
import { workload } from '../fixture-builders';
import { podSpecCases } from './fixture-builders';

export const noHostNamespacesFixtures: RuleFixtures = {
  ruleId: 'workload/no-host-namespaces',
  pass: [
    {
      name: 'no host namespaces',
      terraform: workload('kubernetes_daemon_set_v1', 'node-exporter', { podSpec: { host_network: false } }),
      message: 'no host PID, IPC or network namespace',
    },
  ],
  fail: [
    {
      name: 'host network',
      terraform: workload('kubernetes_daemon_set_v1', 'ids', { podSpec: { host_network: true } }),
      message: 'spec[0].template[0].spec[0].host_network is true',
    },
    { name: 'host PID in a bare pod', terraform: workload('kubernetes_pod_v1', 'debug', { podSpec: { host_pid: true } }), message: 'spec[0].host_pid is true' },
    { name: 'host IPC in an unversioned cron job', terraform: workload('kubernetes_cron_job', 'ipc', { podSpec: { host_ipc: true } }), message: 'host_ipc' },
    {
      name: 'host PID and network both named',
      terraform: workload('kubernetes_pod_v1', 'debug', { podSpec: { host_pid: true, host_network: 'true' } }),
      message: 'spec[0].host_pid is true; spec[0].host_network is true',
    },
    {
      name: 'host network known only after apply',
      terraform: workload('kubernetes_daemon_set_v1', 'ids', { podSpec: { host_network: '${var.host_network}' } }),
      message: 'spec[0].template[0].spec[0].host_network is known only after apply',
    },
    ...podSpecCases.fail,
  ],
  skip: podSpecCases.skip,
};
