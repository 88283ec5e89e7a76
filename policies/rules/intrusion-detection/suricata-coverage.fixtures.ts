import type { RuleFixtures } from '../fixtures';
import { planWith, workload } from '../fixture-builders';
import { clinicalEstate, rulesUpdateJob, suricata, suricataConfig, terraform, zoneWorkload } from './fixture-builders';

const SENSOR = 'kubernetes_daemon_set_v1.suricata';
const POOL = 'platform.hospital/node-pool';
const guestOnly = {
  affinity: {
    node_affinity: {
      required_during_scheduling_ignored_during_execution: { node_selector_term: [{ match_expressions: [{ key: POOL, operator: 'In', values: ['guest'] }] }] },
    },
  },
  toleration: [{ key: 'platform.hospital/segment', operator: 'Equal', value: 'guest', effect: 'NoSchedule' }],
  host_network: true,
  volume: [
    { name: 'config', config_map: { name: 'suricata-config' } },
    { name: 'rules', persistent_volume_claim: { claim_name: 'suricata-rules' } },
  ],
};

export const suricataCoverageFixtures: RuleFixtures = {
  ruleId: 'intrusion-detection/suricata-coverage',
  pass: [
    {
      name: 'on the medical and guest nodes, capturing on the host network',
      terraform: terraform(clinicalEstate(), suricata()),
      resource: SENSOR,
      message: 'Suricata captures on the host network of the medical (1 node profile(s)), guest (1 node profile(s)) nodes',
    },
    {
      name: 'every node (no selector, tolerating every taint), started by a shell script',
      terraform: terraform(
        clinicalEstate(),
        suricata({
          sensor: {
            command: ['sh', '-c'],
            args: ['exec suricata -c /etc/suricata/hospital/suricata.yaml -i eth0'],
            podSpec: { affinity: undefined, toleration: [{ operator: 'Exists' }] },
          },
        }),
      ),
      message: 'Suricata captures',
    },
    {
      name: 'selecting Linux nodes (a label every node carries)',
      terraform: terraform(clinicalEstate(), suricata({ sensor: { podSpec: { node_selector: { 'kubernetes.io/os': 'linux' } } } })),
      message: 'Suricata captures',
    },
    {
      name: 'shared nodes: clinical workloads without node pools',
      terraform: terraform(
        workload('kubernetes_deployment_v1', 'emr', { namespace: 'emr' }),
        suricata({ sensor: { podSpec: { affinity: undefined, toleration: [] } } }),
      ),
      message: 'medical (1 node profile(s)), guest (no workload runs there)',
    },
  ],
  fail: [
    {
      name: 'the Suricata DaemonSet deleted',
      terraform: terraform(clinicalEstate(), rulesUpdateJob(), suricataConfig()),
      resource: SENSOR,
      message: 'no DaemonSet runs suricata in prod, which runs clinical systems: the traffic of medical and guest is not inspected',
    },
    {
      name: 'covering only the guest segment',
      terraform: terraform(clinicalEstate(), suricata({ sensor: { podSpec: guestOnly } })),
      resource: SENSOR,
      message:
        'the medical nodes that his/registration runs on ({"platform.hospital/node-pool":"medical"}) get no Suricata: required node affinity (platform.hospital/node-pool In guest) does not admit',
    },
    {
      name: 'the medical taint not tolerated',
      terraform: terraform(
        clinicalEstate(),
        suricata({ sensor: { podSpec: { toleration: [{ key: 'platform.hospital/segment', operator: 'Equal', value: 'guest', effect: 'NoSchedule' }] } } }),
      ),
      message: 'no toleration for their taint platform.hospital/segment=medical:NoSchedule',
    },
    {
      name: 'a nodeSelector on the guest pool',
      terraform: terraform(clinicalEstate(), suricata({ sensor: { podSpec: { affinity: undefined, node_selector: { [POOL]: 'guest' } } } })),
      message: 'nodeSelector platform.hospital/node-pool=guest does not select them',
    },
    {
      name: 'on the pod network (no host network)',
      terraform: terraform(clinicalEstate(), suricata({ sensor: { podSpec: { host_network: false } } })),
      message: 'host_network is not true',
    },
    {
      name: 'reading a pcap file instead of live traffic',
      terraform: terraform(clinicalEstate(), suricata({ sensor: { args: ['-c', '/etc/suricata/hospital/suricata.yaml', '-r', '/tmp/capture.pcap'] } })),
      message: 'suricata runs without a live capture option',
    },
    {
      name: 'medical in another hospital’s plan is the only segment and lacks a sensor',
      terraform: terraform(zoneWorkload('registration', 'his', 'medical'), suricata({ sensor: { podSpec: guestOnly } })),
      options: { plan: planWith({ intrusionDetection: { suricata: { segments: ['medical'] } } }) },
      message: 'the medical nodes',
    },
  ],
};
