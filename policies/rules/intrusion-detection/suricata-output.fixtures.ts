import type { RuleFixtures } from '../fixtures';
import { resource } from '../fixture-builders';
import { STANDARD_ALERTS } from '../monitoring/fixture-builders';
import { clinicalEstate, monitoringStack, suricata, suricataYaml, terraform } from './fixture-builders';

const SENSOR = 'kubernetes_daemon_set_v1.suricata';
const STACK = 'helm_release.kube-prometheus-stack';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixture edits of nested suricata.yaml
const INTRUSION = {
  alert: 'IntrusionDetected',
  expr: 'sum by (rule_name) (increase(falcosecurity_falco_rules_matches_total{priority=~"0|1|2|[Ee]mergency|[Aa]lert|[Cc]ritical"}[5m])) > 0',
  labels: { severity: 'P1', system: 'security' },
};
/** A default-deny policy recording the environment's node and pod ranges, as constructs/network-isolation annotates them. */
const recordedRanges = (nodes = '10.0.0.0/24', pods = '10.244.0.0/16') =>
  resource('kubernetes_network_policy_v1', 'his_default_deny', {
    metadata: { name: 'default-deny', namespace: 'his', annotations: { 'platform.hospital/node-cidrs': nodes, 'platform.hospital/pod-cidrs': pods } },
    spec: { pod_selector: {}, policy_types: ['Ingress', 'Egress'] },
  });
const estate = (options: { sensor?: Parameters<typeof suricata>[0]; alerts?: readonly Json[] } = {}) =>
  terraform(
    clinicalEstate(),
    recordedRanges(),
    suricata(options.sensor),
    monitoringStack({ alerts: (options.alerts ?? [...STANDARD_ALERTS, INTRUSION]) as never }),
  );
const withConfig = (edit: (config: Json) => void) => ({ config: { 'suricata.yaml': suricataYaml(edit) } });

export const suricataOutputFixtures: RuleFixtures = {
  ruleId: 'intrusion-detection/suricata-output',
  pass: [
    {
      name: 'bond0, HOME_NET over the node and pod ranges, EVE alerts to stdout',
      terraform: estate(),
      resource: SENSOR,
      message:
        'Suricata captures on bond0, HOME_NET [10.0.0.0/8,172.16.0.0/12], EVE alerts to /dev/stdout (plan: intrusionDetection.suricata.segments medical, guest; node/pod ranges recorded by the network policies: 10.0.0.0/24, 10.244.0.0/16)',
    },
    {
      name: 'the platform’s intrusion alert pages',
      terraform: estate(),
      resource: STACK,
      message: 'intrusion alert: IntrusionDetected (P1) fire(s) on a critical Falco match at a paging level',
    },
    {
      name: 'HOME_NET through a variable, EVE to syslog',
      terraform: estate({
        sensor: withConfig(
          (config) => (
            (config.vars['address-groups'] = { INTERNAL: '[10.0.0.0/8]', HOME_NET: '[$INTERNAL]' }),
            (config.outputs[0]['eve-log'] = { enabled: 'yes', filetype: 'syslog', types: ['alert'] })
          ),
        ),
      }),
      resource: SENSOR,
      message: 'HOME_NET [$INTERNAL]',
    },
  ],
  fail: [
    {
      name: 'capturing on lo',
      terraform: estate({ sensor: { sensor: { args: ['-c', '/etc/suricata/hospital/suricata.yaml', '--af-packet=lo'] } } }),
      resource: SENSOR,
      message: 'captures on lo, the loopback interface',
    },
    {
      name: 'HOME_NET without the node range',
      resource: 'kubernetes_daemon_set_v1.suricata',
      terraform: estate({ sensor: withConfig((config) => (config.vars['address-groups'].HOME_NET = '[172.16.0.0/12]')) }),
      message: 'vars.address-groups.HOME_NET [172.16.0.0/12] does not cover the node range 10.0.0.0/24',
    },
    {
      name: 'HOME_NET excluding the pod range',
      resource: 'kubernetes_daemon_set_v1.suricata',
      terraform: estate({ sensor: withConfig((config) => (config.vars['address-groups'].HOME_NET = '[10.0.0.0/8,!10.244.0.0/16]')) }),
      message: 'does not cover the pod range 10.244.0.0/16',
    },
    {
      name: 'HOME_NET unset',
      resource: 'kubernetes_daemon_set_v1.suricata',
      terraform: estate({ sensor: withConfig((config) => delete config.vars) }),
      message: 'vars.address-groups.HOME_NET is unset',
    },
    {
      name: 'EVE disabled',
      resource: 'kubernetes_daemon_set_v1.suricata',
      terraform: estate({ sensor: withConfig((config) => (config.outputs[0]['eve-log'].enabled = 'no')) }),
      message: 'outputs has no enabled eve-log',
    },
    {
      name: 'EVE without alerts',
      resource: 'kubernetes_daemon_set_v1.suricata',
      terraform: estate({ sensor: withConfig((config) => (config.outputs[0]['eve-log'].types = ['flow', 'dns'])) }),
      message: 'eve-log.types [flow, dns] has no alert',
    },
    {
      name: 'EVE to a file inside the container',
      resource: 'kubernetes_daemon_set_v1.suricata',
      terraform: estate({ sensor: withConfig((config) => (config.outputs[0]['eve-log'].filename = 'eve.json')) }),
      message: 'eve-log writes eve.json inside the container, which no log collector reads',
    },
    {
      name: 'suricata.yaml not mounted (the image’s own)',
      resource: 'kubernetes_daemon_set_v1.suricata',
      terraform: estate({ sensor: { sensor: { args: ['-c', '/etc/suricata/suricata.yaml', '--af-packet=bond0'] } } }),
      message: '-c /etc/suricata/suricata.yaml is /etc/suricata/suricata.yaml (on no volume',
    },
    {
      name: 'the intrusion alert deleted',
      terraform: estate({ alerts: STANDARD_ALERTS }),
      resource: STACK,
      message: 'intrusion alert: no alert of additionalPrometheusRulesMap fires at a critical Falco rule match (priority "2", Falco ≥ 0.38)',
    },
    {
      name: 'the intrusion alert as a ticket (P3)',
      resource: 'helm_release.kube-prometheus-stack',
      terraform: estate({ alerts: [...STANDARD_ALERTS, { ...INTRUSION, labels: { severity: 'P3', system: 'security' } }] }),
      message: 'IntrusionDetected fires, but its severity P3 is less urgent than P1, so it does not page',
    },
    {
      name: 'the intrusion alert matching only priority names (Falco ≥ 0.38 labels numbers)',
      resource: 'helm_release.kube-prometheus-stack',
      terraform: estate({
        alerts: [
          ...STANDARD_ALERTS,
          { ...INTRUSION, expr: 'sum by (rule_name) (increase(falcosecurity_falco_rules_matches_total{priority=~"Critical|Alert|Emergency"}[5m])) > 0' },
        ],
      }),
      message: 'no alert of additionalPrometheusRulesMap fires at a critical Falco rule match (priority "2"',
    },
    {
      name: 'the Suricata DaemonSet deleted',
      terraform: terraform(clinicalEstate(), recordedRanges(), monitoringStack({ alerts: [...STANDARD_ALERTS, INTRUSION] as never })),
      resource: SENSOR,
      message: 'no DaemonSet runs suricata in prod',
    },
  ],
};
