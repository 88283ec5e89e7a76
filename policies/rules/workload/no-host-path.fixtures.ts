import type { RuleFixtures } from '../fixtures';
import { workload } from '../fixture-builders';

export const noHostPathFixtures: RuleFixtures = {
  ruleId: 'workload/no-host-path',
  pass: [
    {
      name: 'empty dir and PVC volumes',
      terraform: workload('kubernetes_stateful_set_v1', 'emr-db', {
        podSpec: { volume: [{ name: 'tmp', empty_dir: {} }, { name: 'data', persistent_volume_claim: { claim_name: 'emr-data' } }] },
      }),
    },
  ],
  fail: [
    {
      name: 'hostPath volume',
      terraform: workload('kubernetes_daemon_set_v1', 'log-shipper', { podSpec: { volume: [{ name: 'logs', host_path: { path: '/var/log' } }] } }),
      message: 'volume[0].host_path mounts the node path "/var/log"',
    },
  ],
};
