import type { RuleFixtures } from '../fixtures';
import { falco } from '../intrusion-detection/fixture-builders';
import { appSelector, tfDefaultDeny, tfNamespace, tfNetworkPolicy } from '../network/fixture-builders';
import { clinicalWorkload, monitoringStack, snmpExporter, terraform } from './fixture-builders';

type Json = Record<string, unknown>;
const STACK = 'helm_release.kube-prometheus-stack';
const inNamespace = (namespace: string, app: string): Json => ({
  namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': namespace } },
  pod_selector: appSelector(app),
});

/** The alert flows as environments/prod.yaml declares them, each hop admitted at both ends under default deny; `without` drops policies by name, `patch` replaces one. */
function alertNetwork(without: readonly string[] = [], patch: Record<string, Json> = {}): Json {
  const policies: Record<string, [string, Json]> = {
    'prometheus-egress': [
      'monitoring',
      {
        pod_selector: appSelector('prometheus'),
        policy_types: ['Egress'],
        egress: [
          { to: [{ pod_selector: appSelector('alertmanager') }], ports: [{ port: '9093' }] },
          { to: [{ pod_selector: appSelector('prometheus-snmp-exporter') }], ports: [{ port: '9116' }] },
        ],
      },
    ],
    'alertmanager-ingress': [
      'monitoring',
      {
        pod_selector: appSelector('alertmanager'),
        policy_types: ['Ingress'],
        ingress: [{ from: [{ pod_selector: appSelector('prometheus') }, inNamespace('security', 'falcosidekick')], ports: [{ port: '9093' }] }],
      },
    ],
    'snmp-exporter': [
      'monitoring',
      {
        pod_selector: appSelector('prometheus-snmp-exporter'),
        policy_types: ['Ingress', 'Egress'],
        ingress: [{ from: [{ pod_selector: appSelector('prometheus') }], ports: [{ port: '9116' }] }],
        egress: [{ to: [{ ip_block: { cidr: '10.0.8.0/24' } }], ports: [{ port: '161', protocol: 'UDP' }] }],
      },
    ],
    'falco-egress': [
      'security',
      {
        pod_selector: appSelector('falco'),
        policy_types: ['Egress'],
        egress: [{ to: [{ pod_selector: appSelector('falcosidekick') }], ports: [{ port: '2801' }] }],
      },
    ],
    falcosidekick: [
      'security',
      {
        pod_selector: appSelector('falcosidekick'),
        policy_types: ['Ingress', 'Egress'],
        ingress: [{ from: [{ pod_selector: appSelector('falco') }], ports: [{ port: '2801' }] }],
        egress: [{ to: [inNamespace('monitoring', 'alertmanager')], ports: [{ port: '9093' }] }],
      },
    ],
  };
  return terraform(
    tfNamespace('monitoring', 'management'),
    tfNamespace('security', 'management'),
    tfDefaultDeny('monitoring'),
    tfDefaultDeny('security'),
    ...Object.entries(policies)
      .filter(([name]) => !without.includes(name))
      .map(([name, [namespace, spec]]) => tfNetworkPolicy(namespace, name, patch[name] ?? spec)),
  );
}

/** Falco in the security namespace, as constructs/intrusion-detection installs it. */
const securityFalco = (): Json => {
  const release = falco();
  ((release.resource as Json).helm_release as Record<string, Json>).falco!.namespace = 'security';
  return release;
};
const estate = (network: Json) => terraform(clinicalWorkload(), monitoringStack(), snmpExporter(), securityFalco(), network);

export const alertPathsReachableFixtures: RuleFixtures = {
  ruleId: 'monitoring/alert-paths-reachable',
  pass: [
    {
      name: 'every hop admitted at both ends under default deny',
      terraform: estate(alertNetwork()),
      resource: STACK,
      message:
        '7 alert path(s) allowed by the network policies: monitoring/prometheus → monitoring/alertmanager TCP 9093, security/falco → security/falcosidekick TCP 2801, security/falcosidekick → monitoring/alertmanager TCP 9093, monitoring/prometheus → monitoring/prometheus-snmp-exporter TCP 9116, monitoring/prometheus-snmp-exporter → SNMP target ups-b1-a 10.0.8.11 UDP 161, monitoring/prometheus-snmp-exporter → SNMP target ups-b1-b 10.0.8.12 UDP 161, monitoring/prometheus-snmp-exporter → SNMP target env-probe-b1 10.0.8.21 UDP 161',
    },
    {
      name: 'no NetworkPolicy at all (everything reachable)',
      terraform: terraform(clinicalWorkload(), monitoringStack(), snmpExporter(), securityFalco()),
      message: 'alert path(s) allowed',
    },
  ],
  fail: [
    {
      name: 'falcosidekick may no longer reach Alertmanager',
      terraform: estate(
        alertNetwork([], {
          falcosidekick: {
            pod_selector: appSelector('falcosidekick'),
            policy_types: ['Ingress', 'Egress'],
            ingress: [{ from: [{ pod_selector: appSelector('falco') }], ports: [{ port: '2801' }] }],
          },
        }),
      ),
      resource: STACK,
      message: 'security/falcosidekick → monitoring/alertmanager TCP 9093 is not allowed (falcosidekick posts them to Alertmanager)',
    },
    {
      name: 'Falco’s egress policy deleted',
      terraform: estate(alertNetwork(['falco-egress'])),
      message: 'security/falco → security/falcosidekick TCP 2801 is not allowed',
    },
    {
      name: 'Alertmanager admits only Prometheus',
      terraform: estate(
        alertNetwork([], {
          'alertmanager-ingress': {
            pod_selector: appSelector('alertmanager'),
            policy_types: ['Ingress'],
            ingress: [{ from: [{ pod_selector: appSelector('prometheus') }], ports: [{ port: '9093' }] }],
          },
        }),
      ),
      message: 'security/falcosidekick → monitoring/alertmanager TCP 9093 is not allowed',
    },
    {
      name: 'the SNMP exporter’s policy deleted (default deny)',
      terraform: estate(alertNetwork(['snmp-exporter'])),
      message: 'monitoring/prometheus → monitoring/prometheus-snmp-exporter TCP 9116 is not allowed (Prometheus scrapes the SNMP exporter)',
    },
    {
      name: 'the SNMP exporter may not reach the UPS',
      terraform: estate(
        alertNetwork([], {
          'snmp-exporter': {
            pod_selector: appSelector('prometheus-snmp-exporter'),
            policy_types: ['Ingress', 'Egress'],
            ingress: [{ from: [{ pod_selector: appSelector('prometheus') }], ports: [{ port: '9116' }] }],
            egress: [{ to: [{ ip_block: { cidr: '10.0.9.0/24' } }], ports: [{ port: '161', protocol: 'UDP' }] }],
          },
        }),
      ),
      message: 'monitoring/prometheus-snmp-exporter → SNMP target ups-b1-a 10.0.8.11 UDP 161 is not allowed',
    },
    {
      name: 'Prometheus may send to Alertmanager only on the wrong port',
      terraform: estate(
        alertNetwork([], {
          'prometheus-egress': {
            pod_selector: appSelector('prometheus'),
            policy_types: ['Egress'],
            egress: [
              { to: [{ pod_selector: appSelector('alertmanager') }], ports: [{ port: '9094' }] },
              { to: [{ pod_selector: appSelector('prometheus-snmp-exporter') }], ports: [{ port: '9116' }] },
            ],
          },
        }),
      ),
      message: 'monitoring/prometheus → monitoring/alertmanager TCP 9093 is not allowed',
    },
  ],
};
