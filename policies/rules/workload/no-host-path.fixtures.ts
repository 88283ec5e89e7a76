import type { RuleFixtures } from '../fixtures';
import { workload } from '../fixture-builders';
import { podSpecCases } from './fixture-builders';

export const noHostPathFixtures: RuleFixtures = {
  ruleId: 'workload/no-host-path',
  pass: [
    {
      name: 'empty dir and PVC volumes',
      terraform: workload('kubernetes_stateful_set_v1', 'emr-db', {
        podSpec: {
          volume: [
            { name: 'tmp', empty_dir: {} },
            { name: 'data', persistent_volume_claim: { claim_name: 'emr-data' } },
          ],
        },
      }),
      message: 'no hostPath volumes',
    },
    { name: 'no volumes', terraform: workload('kubernetes_deployment_v1', 'emr'), message: 'no hostPath volumes' },
    {
      name: 'host_path as an empty block list (as plans write an absent block)',
      terraform: workload('kubernetes_deployment_v1', 'emr', { podSpec: { volume: [{ name: 'tmp', host_path: [], empty_dir: {} }] } }),
    },
  ],
  fail: [
    {
      name: 'hostPath volume',
      terraform: workload('kubernetes_daemon_set_v1', 'log-shipper', { podSpec: { volume: [{ name: 'logs', host_path: { path: '/var/log' } }] } }),
      message: 'spec[0].template[0].spec[0].volume[0].host_path mounts the node path "/var/log" (volume "logs")',
    },
    {
      name: 'second volume unnamed hostPath',
      terraform: workload('kubernetes_pod_v1', 'debug', { podSpec: { volume: [{ name: 'tmp', empty_dir: {} }, { host_path: { path: '/' } }] } }),
      message: 'spec[0].volume[1].host_path mounts the node path "/" (volume "1")',
    },
    {
      name: 'hostPath known only after apply',
      terraform: workload('kubernetes_daemon_set_v1', 'log-shipper', { podSpec: { volume: [{ name: 'logs', host_path: '${var.host_path}' }] } }),
      message: 'volume[0].host_path mounts the node path "(unknown)" (volume "logs")',
    },
    {
      name: 'volume list known only after apply',
      terraform: workload('kubernetes_daemon_set_v1', 'log-shipper', { podSpec: { volume: '${var.volumes}' } }),
      message: 'spec[0].template[0].spec[0].volume is known only after apply',
    },
    ...podSpecCases.fail,
  ],
  skip: podSpecCases.skip,
};
