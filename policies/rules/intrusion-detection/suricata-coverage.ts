import type { EstateRule } from '../../model';
import { planOf } from '../../plan/facts';
import { DAEMON_SET_TYPES } from '../../kubernetes';
import { get } from '../../values';
import { excludes, podPlacement, shownLabels, zoneNodes } from './placement';
import { clinicalEnvironments, IDS_CONTROLS, type EstateResult } from './scope';
import { runningContainers, suricataSensors } from './suricata';

/** Suricata's live capture modes; `-r` (a pcap file) inspects no live traffic. */
const CAPTURE_OPTIONS = ['--af-packet', '-i', '--pcap', '--netmap', '--pfring', '--dpdk', '--af-xdp'];

const captures = (argv: readonly string[]): boolean => argv.some((word) => CAPTURE_OPTIONS.some((name) => word === name || word.startsWith(`${name}=`)));

export const suricataCoverage: EstateRule = {
  id: 'intrusion-detection/suricata-coverage',
  profile: 'platform',
  title: 'Suricata inspects the traffic of every segment the plan names, in every environment with clinical systems',
  severity: 'high',
  rationale:
    'The operations plan (ops-8.2) has network intrusion detection on the medical and guest segments wherever clinical systems run (MLPS 2.0 8.1.3.3 intrusion prevention at ' +
    'the boundary). A Suricata DaemonSet that is deleted, that only schedules onto the guest nodes, that lacks the toleration of the medical nodes’ taint, or that does not ' +
    'capture on the host network sees none of the attacks on the medical segment.',
  remediation:
    'Run Suricata as a DaemonSet with host_network and a live capture option (`--af-packet=<if>`), whose nodeSelector/affinity admit and whose tolerations tolerate the nodes ' +
    'of every zone in intrusionDetection.suricata.segments (environments/<env>.yaml intrusionDetection.suricata.segments; constructs/intrusion-detection).',
  resourceTypes: [...DAEMON_SET_TYPES],
  controls: IDS_CONTROLS,
  planKeys: ['intrusionDetection.suricata.segments'],
  scope: 'estate',
  evaluate(estate) {
    const plan = planOf(estate);
    const segments = plan.intrusionDetection.suricata.segments;
    return clinicalEnvironments(estate).flatMap((environment): EstateResult[] => {
      const sensors = suricataSensors(estate, environment);
      if (sensors.length === 0) {
        return [
          {
            resource: 'kubernetes_daemon_set_v1.suricata',
            environment,
            status: 'fail',
            message: `no DaemonSet runs suricata in ${environment}, which runs clinical systems: the traffic of ${segments.join(' and ')} is not inspected (plan: intrusionDetection.suricata.segments)`,
          },
        ];
      }
      const nodes = zoneNodes(estate, environment);
      const capturing = sensors.filter(
        (sensor) =>
          get(sensor.values, 'spec[0].template[0].spec[0].host_network') === true && runningContainers(sensor, 'suricata').some(({ argv }) => captures(argv)),
      );
      const problems: string[] = [];
      if (capturing.length === 0) {
        problems.push(
          `${sensors.map((sensor) => sensor.address).join(', ')}: ${sensors.every((sensor) => get(sensor.values, 'spec[0].template[0].spec[0].host_network') === true) ? `suricata runs without a live capture option (${CAPTURE_OPTIONS.join(', ')})` : 'spec.template.spec.host_network is not true: Suricata sees only its own pod’s traffic'}`,
        );
      }
      const covered: string[] = [];
      for (const zone of segments) {
        const profiles = nodes.get(zone) ?? [];
        for (const profile of profiles) {
          const reasons = capturing.map((sensor) => {
            const placement = podPlacement(sensor);
            return placement.unknown ?? excludes(placement, profile);
          });
          if (capturing.length > 0 && reasons.every((reason) => reason !== undefined)) {
            problems.push(`the ${zone} nodes that ${profile.example} runs on (${shownLabels(profile.labels)}) get no Suricata: ${reasons[0]}`);
          }
        }
        covered.push(`${zone} (${profiles.length === 0 ? 'no workload runs there' : `${profiles.length} node profile(s)`})`);
      }
      const subject = capturing[0] ?? sensors[0]!;
      if (problems.length > 0)
        return [
          {
            resource: subject.address,
            environment,
            file: subject.file,
            status: 'fail',
            message: `${problems.join('; ')} (plan: intrusionDetection.suricata.segments ${segments.join(', ')})`,
          },
        ];
      return [
        {
          resource: subject.address,
          environment,
          file: subject.file,
          status: 'pass',
          message: `Suricata captures on the host network of the ${covered.join(', ')} nodes (plan: intrusionDetection.suricata.segments ${segments.join(', ')})`,
        },
      ];
    });
  },
};
