/**
 * The alert paths through the network: Falco → falcosidekick → Alertmanager, Prometheus → Alertmanager,
 * Prometheus → the SNMP exporter → each SNMP device, proved with the network analysis
 * (policies/network) over the environment's NetworkPolicies and AdminNetworkPolicies. Terraform knows
 * the pods of Helm charts only as a helm_release, so each chart's pods are added to the model with the
 * labels and ports the chart gives them; a policy set that selects them by other labels, or none that
 * admits the flow under a default deny, blocks the path.
 */
import type { Estate, EstateRule } from '../../model';
import { AddressSet, analyzeCluster, buildCluster, networkAnalysisOf, type Protocol, type Workload } from '../../network';
import { planOf } from '../../plan/facts';
import { isObject } from '../../values';
import { alertPipelines } from './alert-pipeline';
import { releasesOf } from './helm-facts';
import { machineRoomEnvironments, SNMP_EXPORTER_CHART } from './machine-room';
import type { EstateResult } from './scope';

const NAME = 'app.kubernetes.io/name';

/** A chart's pods as the analysis sees them: namespace, the chart's name label, the ports they listen on. */
interface ChartPod {
  readonly namespace: string;
  readonly name: string;
  readonly ports: readonly { port: number; protocol: Protocol }[];
}

interface Path {
  readonly from: ChartPod;
  /** A chart pod, or an address outside the cluster. */
  readonly to: ChartPod | { readonly address: string; readonly what: string };
  readonly port: number;
  readonly protocol: Protocol;
  readonly why: string;
}

const namespaceOf = (release: { resource: { values: Record<string, unknown> } }): string => String(release.resource.values.namespace ?? 'default');

function pathsOf(estate: Estate, environment: string): Path[] {
  const paths: Path[] = [];
  const pipelines = alertPipelines(estate, environment).filter((pipeline) => pipeline.broken.length === 0);
  const stack = pipelines[0];
  if (!stack) return paths;
  const monitoring = String(stack.release.values.namespace ?? 'default');
  const alertmanagerPort = 9093;
  const prometheus: ChartPod = { namespace: monitoring, name: 'prometheus', ports: [{ port: 9090, protocol: 'TCP' }] };
  const alertmanager: ChartPod = { namespace: monitoring, name: 'alertmanager', ports: [{ port: alertmanagerPort, protocol: 'TCP' }] };
  paths.push({ from: prometheus, to: alertmanager, port: alertmanagerPort, protocol: 'TCP', why: 'Prometheus sends firing alerts to Alertmanager' });
  for (const falco of releasesOf(estate, environment, 'falco')) {
    const sidekick = isObject(falco.values.falcosidekick) ? falco.values.falcosidekick : {};
    if (sidekick.enabled !== true && sidekick.enabled !== 'true') continue;
    const listen = Number((isObject(sidekick.config) ? sidekick.config.listenport : undefined) ?? 2801);
    const falcoPod: ChartPod = { namespace: namespaceOf(falco), name: 'falco', ports: [] };
    const sidekickPod: ChartPod = { namespace: namespaceOf(falco), name: 'falcosidekick', ports: [{ port: listen, protocol: 'TCP' }] };
    paths.push({ from: falcoPod, to: sidekickPod, port: listen, protocol: 'TCP', why: 'Falco posts its events to falcosidekick' });
    paths.push({ from: sidekickPod, to: alertmanager, port: alertmanagerPort, protocol: 'TCP', why: 'falcosidekick posts them to Alertmanager' });
  }
  if (machineRoomEnvironments(estate).includes(environment)) {
    for (const exporter of releasesOf(estate, environment, SNMP_EXPORTER_CHART)) {
      const snmp: ChartPod = { namespace: namespaceOf(exporter), name: 'prometheus-snmp-exporter', ports: [{ port: 9116, protocol: 'TCP' }] };
      paths.push({ from: prometheus, to: snmp, port: 9116, protocol: 'TCP', why: 'Prometheus scrapes the SNMP exporter' });
      const monitor = isObject(exporter.values.serviceMonitor) ? exporter.values.serviceMonitor : {};
      for (const param of Array.isArray(monitor.params) ? monitor.params.filter(isObject) : []) {
        if (typeof param.target !== 'string' || !/^\d+\.\d+\.\d+\.\d+$/.test(param.target)) continue;
        paths.push({
          from: snmp,
          to: { address: param.target, what: `SNMP target ${String(param.name)}` },
          port: 161,
          protocol: 'UDP',
          why: 'the exporter polls the device',
        });
      }
    }
  }
  return paths;
}

const podId = (pod: ChartPod): string => `${pod.namespace}/${pod.name}`;
const describe = (to: Path['to']): string => ('address' in to ? `${to.what} ${to.address}` : podId(to));

export const alertPathsReachable: EstateRule = {
  id: 'monitoring/alert-paths-reachable',
  profile: 'platform',
  title: 'The network lets alerts travel: Falco → falcosidekick → Alertmanager, Prometheus → Alertmanager and the SNMP exporter → the devices',
  severity: 'high',
  rationale:
    'Intrusion events (ops-8.2) and machine-room readings (ops-10.3) reach on-call (ops-8.1) only over the network. Under the platform’s default-deny NetworkPolicies, a ' +
    'policy change that drops the flow from Falco to falcosidekick, from falcosidekick to Alertmanager, from Prometheus to the SNMP exporter, or from the exporter to the UPS, ' +
    'leaves every component running and healthy while no alert arrives.',
  remediation:
    'Keep flows that admit each hop at both ends (egress at the source, ingress at the destination) on the chart pods’ labels (app.kubernetes.io/name falco, falcosidekick, ' +
    'alertmanager, prometheus, prometheus-snmp-exporter) and ports (2801, 9093, 9116, UDP 161 to the SNMP targets): environments/<env>.yaml networkFlows.',
  resourceTypes: ['helm_release', 'kubernetes_network_policy_v1'],
  controls: { mlps: ['8.1.3.3', '8.1.5.4', '8.1.10.12'], hipaa: ['164.312(b)', '164.308(a)(6)(ii)'], operationsPlan: 'ops-8.1' },
  planKeys: ['incidentLevels', 'monitoring.machineRoom', 'intrusionDetection'],
  scope: 'estate',
  evaluate(estate) {
    const plan = planOf(estate);
    const planRef = `plan: ops-8.1 incidentLevels P1 ${plan.incidentLevels[plan.monitoring.coreSystemDownLevel]?.respondWithinMinutes ?? '?'} min, ops-8.2 intrusionDetection, ops-10.3 monitoring.machineRoom`;
    return estate.environments.flatMap((environment): EstateResult[] => {
      const paths = pathsOf(estate, environment);
      if (paths.length === 0) return [];
      const stack = alertPipelines(estate, environment)[0]!;
      const subject = { resource: stack.release.address, environment, file: stack.release.file };
      const network = networkAnalysisOf(estate, environment);
      if (!network.analysis) return [{ ...subject, status: 'fail', message: `the network model cannot be read: ${network.error} (${planRef})` }];
      const base = network.analysis.cluster;
      if (base.unknowns.length > 0)
        return [
          {
            ...subject,
            status: 'fail',
            message: `the network model has values known only after apply (${base.unknowns.slice(0, 3).join('; ')}): reachability cannot be proven (${planRef})`,
          },
        ];
      // Chart pods the policies do not already imply, with the chart's labels and ports.
      const pods = new Map<string, ChartPod>();
      for (const path of paths)
        for (const pod of [path.from, path.to])
          if (!('address' in pod)) pods.set(podId(pod), { ...pod, ports: [...(pods.get(podId(pod))?.ports ?? []), ...pod.ports] });
      const present = (pod: ChartPod): Workload | undefined =>
        base.workloads.find((workload) => workload.namespace === pod.namespace && workload.labels[NAME] === pod.name);
      const workloads = [
        ...base.workloads.map(({ id: _id, ...workload }) => {
          const chart = [...pods.values()].find((pod) => pod.namespace === workload.namespace && workload.labels[NAME] === pod.name);
          return chart && workload.ports.length === 0 ? { ...workload, ports: chart.ports } : workload;
        }),
        ...[...pods.values()]
          .filter((pod) => !present(pod))
          .map((pod) => ({
            namespace: pod.namespace,
            name: pod.name,
            kind: 'HelmChart',
            labels: { [NAME]: pod.name },
            ports: pod.ports,
            source: { file: stack.release.file ?? environment, location: `pods of a helm_release (${pod.name})` },
          })),
      ];
      const cluster = buildCluster({
        namespaces: base.namespaces,
        workloads,
        policies: base.policies,
        adminPolicies: base.adminPolicies,
        baselinePolicies: base.baselinePolicy ? [base.baselinePolicy] : [],
        warnings: base.warnings,
        unknowns: base.unknowns,
        rejected: base.rejected,
      });
      const analysis = analyzeCluster(cluster);
      const idOf = (pod: ChartPod): string | undefined =>
        cluster.workloads.find((workload) => workload.namespace === pod.namespace && workload.labels[NAME] === pod.name)?.id;
      const blocked: string[] = [];
      for (const path of paths) {
        const from = idOf(path.from);
        const connections = analysis.connections.filter((connection) => connection.src === from && connection.ports.allows(path.protocol, path.port));
        const reached =
          'address' in path.to
            ? connections.some((connection) =>
                analysis.externals
                  .find((external) => external.id === connection.dst)
                  ?.addresses.contains(AddressSet.ofCidr(`${(path.to as { address: string }).address}/32`)),
              )
            : connections.some((connection) => connection.dst === idOf(path.to as ChartPod));
        if (!reached) blocked.push(`${podId(path.from)} → ${describe(path.to)} ${path.protocol} ${path.port} is not allowed (${path.why})`);
      }
      if (blocked.length > 0) return [{ ...subject, status: 'fail', message: `${blocked.join('; ')} (${planRef})` }];
      return [
        {
          ...subject,
          status: 'pass',
          message: `${paths.length} alert path(s) allowed by the network policies: ${paths.map((path) => `${podId(path.from)} → ${describe(path.to)} ${path.protocol} ${path.port}`).join(', ')} (${planRef})`,
        },
      ];
    });
  },
};
