import type { RuleFixtures } from '../fixtures';
import { resource, workload } from '../fixture-builders';
import {
  alertsWith,
  coreDeployment,
  coreSystemDown,
  helmReleaseWith,
  monitoringStack,
  prometheusStack,
  RECEIVER_SECRET,
  routingWith,
  standardAlertmanagerConfig,
  terraform,
} from './fixture-builders';

const AVAILABLE = 'kube_deployment_status_replicas_available';
const STACK = 'helm_release.kube-prometheus-stack';

/** A kube-prometheus-stack helm_release with raw `values` (documents as Terraform holds them). */
const stackWithValues = (values: unknown, chart = 'kube-prometheus-stack'): Record<string, unknown> =>
  resource('helm_release', 'kps', {
    name: 'kps',
    chart,
    version: '88.5.3',
    repository: 'https://prometheus-community.github.io/helm-charts',
    namespace: 'monitoring',
    values,
  });
const rulesMap = (rules: readonly unknown[]) => ({
  additionalPrometheusRulesMap: { hospital: { groups: [{ name: 'availability', rules }] } },
  alertmanager: { config: standardAlertmanagerConfig(), alertmanagerSpec: { secrets: [RECEIVER_SECRET] } },
});
const NO_ALERT = 'no alert of additionalPrometheusRulesMap fires when it has no available replica';

export const coreSystemsAlertedFixtures: RuleFixtures = {
  ruleId: 'monitoring/core-systems-alerted',
  pass: [
    {
      name: 'the platform’s alerts and routing (every planned core system)',
      terraform: terraform(coreDeployment('registration', 'his'), coreDeployment('lis', 'lis'), monitoringStack()),
      resource: 'kubernetes_deployment_v1.lis',
      message:
        'core system lis/lis pages on-call through CoreSystemDown (P1) in helm_release.kube-prometheus-stack: receiver oncall-p1, 3m30s at worst ≤ 15 min',
    },
    {
      name: 'another name and formulation (unavailable replicas), with a stricter timing',
      terraform: terraform(
        coreDeployment('emr', 'emr'),
        monitoringStack({
          alerts: [
            ...alertsWith('CoreSystemDown', null),
            { alert: 'EmrOutage', expr: 'kube_deployment_status_replicas_unavailable{namespace="emr"} >= 2', for: '1m', labels: { severity: 'P1' } },
          ],
        }),
      ),
      message: 'pages on-call through EmrOutage (P1)',
    },
    {
      name: 'a continuing route sends P1 to the ticket system and then the pager',
      terraform: terraform(
        coreDeployment('emr', 'emr'),
        monitoringStack({
          alertmanager: {
            ...standardAlertmanagerConfig(),
            route: {
              receiver: 'ops-p3',
              group_wait: '30s',
              group_interval: '5m',
              repeat_interval: '2h',
              routes: [
                { receiver: 'ops-p3', match: { severity: 'P1' }, continue: true },
                { receiver: 'oncall-p1', matchers: ['severity=~"P1"'], group_wait: '10s', group_interval: '1m', repeat_interval: '10m' },
              ],
            },
          },
        }),
      ),
      message: 'receiver oncall-p1',
    },
    {
      name: 'registration and emr selected by regex',
      terraform: terraform(
        coreDeployment('registration', 'his'),
        coreDeployment('emr', 'emr'),
        coreDeployment('pacs', 'pacs', 'standard'),
        prometheusStack([coreSystemDown(`max by (namespace, deployment) (${AVAILABLE}{namespace=~"his|emr",deployment=~"registration|emr"}) < 1`)]),
      ),
      resource: 'kubernetes_deployment_v1.registration',
      message: `core system his/registration pages on-call through CoreSystemDown (P1) in ${STACK}`,
    },
    {
      name: 'a canary beside its alerted stable Deployment',
      terraform: terraform(
        coreDeployment('billing', 'his'),
        workload('kubernetes_deployment_v1', 'billing-canary', {
          namespace: 'his',
          labels: { 'platform.hospital/tier': 'core', 'platform.hospital/track': 'canary' },
        }),
        prometheusStack([coreSystemDown(`${AVAILABLE}{namespace="his",deployment="billing"} < 1`)]),
      ),
    },
    {
      name: 'a selector without deployment matcher covers every deployment',
      terraform: terraform(coreDeployment('lis', 'lis'), prometheusStack([coreSystemDown(`${AVAILABLE}{namespace="lis"} == 0`)])),
    },
    {
      name: 'the metric without any selector covers every deployment',
      terraform: terraform(coreDeployment('lis', 'lis'), prometheusStack([coreSystemDown(`${AVAILABLE} < 1`)])),
      resource: 'kubernetes_deployment_v1.lis',
    },
    {
      name: 'negative matchers that leave the deployment in',
      terraform: terraform(
        coreDeployment('emr', 'emr'),
        prometheusStack([coreSystemDown(`${AVAILABLE}{namespace!="guest-services",deployment!~"lis|pacs.*"} < 1`)]),
      ),
      resource: 'kubernetes_deployment_v1.emr',
    },
    {
      name: 'a second CoreSystemDown rule covers what the first (P2) does not',
      terraform: terraform(
        coreDeployment('emr', 'emr'),
        prometheusStack([
          coreSystemDown(`${AVAILABLE}{deployment="emr"} < 1`, 'P2'),
          coreSystemDown(`${AVAILABLE}{deployment="lis"} < 1`),
          coreSystemDown(`${AVAILABLE}{deployment="emr"} < 1`),
        ]),
      ),
      resource: 'kubernetes_deployment_v1.emr',
    },
    {
      name: 'a Deployment without namespace is matched as namespace "default"',
      terraform: terraform(
        workload('kubernetes_deployment_v1', 'emr', { namespace: null, labels: { 'platform.hospital/tier': 'core' } }),
        prometheusStack([coreSystemDown(`${AVAILABLE}{namespace="default",deployment="emr"} < 1`)]),
      ),
      message: 'core system default/emr pages on-call',
    },
    {
      name: 'either of two selectors in one expression covers the deployment',
      terraform: terraform(
        coreDeployment('emr', 'emr'),
        prometheusStack([coreSystemDown(`${AVAILABLE}{deployment="lis"} < 1 or ${AVAILABLE}{deployment="emr"} < 1`)]),
      ),
      resource: 'kubernetes_deployment_v1.emr',
    },
    {
      name: 'a second stack release with unreadable values does not hide the alert of the first',
      terraform: terraform(
        coreDeployment('emr', 'emr'),
        prometheusStack([coreSystemDown(`${AVAILABLE}{deployment="emr"} < 1`)]),
        stackWithValues('${var.prometheus_values}'),
      ),
      message: `pages on-call through CoreSystemDown (P1) in ${STACK}`,
    },
    {
      name: 'a helm_release whose chart is known only after apply is not taken for the stack',
      terraform: terraform(
        coreDeployment('emr', 'emr'),
        prometheusStack([coreSystemDown(`${AVAILABLE}{deployment="emr"} < 1`)]),
        resource('helm_release', 'vendor', { name: 'vendor', chart: '${var.vendor_chart}', values: [] }),
      ),
      message: `pages on-call through CoreSystemDown (P1) in ${STACK}`,
    },
    {
      name: 'empty values documents are skipped',
      terraform: terraform(
        coreDeployment('emr', 'emr'),
        stackWithValues(['', JSON.stringify(rulesMap([coreSystemDown(`${AVAILABLE}{deployment="emr"} < 1`)])), '# overrides: none\n']),
      ),
      message: 'pages on-call through CoreSystemDown (P1) in helm_release.kps',
    },
    {
      name: 'the chart named with its repository prefix',
      terraform: terraform(
        coreDeployment('emr', 'emr'),
        stackWithValues([JSON.stringify(rulesMap([coreSystemDown(`${AVAILABLE}{deployment="emr"} < 1`)]))], 'prometheus-community/kube-prometheus-stack'),
      ),
      message: 'pages on-call through CoreSystemDown (P1) in helm_release.kps',
    },
    {
      name: 'a later values document raises the alert to P1 (documents merge in order)',
      terraform: terraform(
        coreDeployment('emr', 'emr'),
        stackWithValues([
          JSON.stringify(rulesMap([coreSystemDown(`${AVAILABLE}{deployment="emr"} < 1`, 'P2')])),
          JSON.stringify({ grafana: { enabled: true } }),
          JSON.stringify(rulesMap([coreSystemDown(`${AVAILABLE}{deployment="emr"} < 1`)])),
        ]),
      ),
      message: 'pages on-call through CoreSystemDown (P1) in helm_release.kps',
    },
    {
      name: 'malformed rule entries are skipped, the well-formed alert counts',
      terraform: terraform(
        coreDeployment('emr', 'emr'),
        stackWithValues([
          JSON.stringify({
            additionalPrometheusRulesMap: {
              empty: null,
              legacy: { groups: { availability: { rules: [coreSystemDown(`${AVAILABLE} < 1`)] } } },
              hospital: {
                groups: [
                  null,
                  { name: 'broken' },
                  { name: 'by-name', rules: { emr: coreSystemDown(`${AVAILABLE} < 1`) } },
                  {
                    name: 'availability',
                    rules: ['CoreSystemDown', { alert: 'CoreSystemDown' }, { expr: 'up == 0' }, coreSystemDown(`${AVAILABLE}{deployment="emr"} < 1`)],
                  },
                ],
              },
            },
            alertmanager: { config: standardAlertmanagerConfig(), alertmanagerSpec: { secrets: [RECEIVER_SECRET] } },
          }),
        ]),
      ),
      message: 'pages on-call through CoreSystemDown (P1) in helm_release.kps',
    },
  ],
  fail: [
    {
      name: 'billing missing from the expression',
      terraform: terraform(
        coreDeployment('registration', 'his'),
        coreDeployment('billing', 'his'),
        prometheusStack([coreSystemDown(`${AVAILABLE}{namespace="his",deployment=~"registration"} < 1`)]),
      ),
      resource: 'kubernetes_deployment_v1.billing',
      message: `core system his/billing: ${NO_ALERT} (plan: monitoring.coreSystemDownLevel P1, incidentLevels.P1.respondWithinMinutes 15)`,
    },
    {
      name: 'an equality matcher naming another deployment',
      terraform: terraform(coreDeployment('lis', 'lis'), prometheusStack([coreSystemDown(`${AVAILABLE}{deployment="emr"} < 1`)])),
      resource: 'kubernetes_deployment_v1.lis',
      message: `core system lis/lis: ${NO_ALERT}`,
    },
    {
      name: 'a regex matcher is anchored: "reg" does not select registration',
      terraform: terraform(coreDeployment('registration', 'his'), prometheusStack([coreSystemDown(`${AVAILABLE}{deployment=~"reg"} < 1`)])),
      message: NO_ALERT,
    },
    {
      name: 'a negative matcher that excludes the deployment',
      terraform: terraform(coreDeployment('emr', 'emr'), prometheusStack([coreSystemDown(`${AVAILABLE}{deployment!="emr"} < 1`)])),
      message: NO_ALERT,
    },
    {
      name: 'a negative regex matcher that excludes the deployment',
      terraform: terraform(coreDeployment('emr', 'emr'), prometheusStack([coreSystemDown(`${AVAILABLE}{deployment!~"e.*"} < 1`)])),
      message: NO_ALERT,
    },
    {
      name: 'the selector of another metric that merely ends in the same name',
      terraform: terraform(coreDeployment('emr', 'emr'), prometheusStack([coreSystemDown(`hospital_${AVAILABLE}{deployment="emr"} < 1`)])),
      message: NO_ALERT,
    },
    {
      name: 'CoreSystemDown only P2',
      terraform: terraform(coreDeployment('emr', 'emr'), prometheusStack([coreSystemDown(`${AVAILABLE}{deployment="emr"} < 1`, 'P2')])),
      message: 'severity P2',
    },
    {
      name: 'CoreSystemDown without severity label',
      terraform: terraform(coreDeployment('emr', 'emr'), prometheusStack([{ alert: 'CoreSystemDown', expr: `${AVAILABLE}{deployment="emr"} < 1` }])),
      message: 'CoreSystemDown fires with severity unset, not P1',
    },
    {
      name: 'only other alerts',
      terraform: terraform(coreDeployment('emr', 'emr'), prometheusStack([{ alert: 'NodeDown', expr: 'up == 0', labels: { severity: 'P1' } }])),
      resource: 'kubernetes_deployment_v1.emr',
      message: `core system emr/emr: ${NO_ALERT}`,
    },
    {
      name: 'a stack without additionalPrometheusRulesMap',
      terraform: terraform(coreDeployment('emr', 'emr'), stackWithValues([JSON.stringify({ grafana: { enabled: true } })])),
      resource: 'kubernetes_deployment_v1.emr',
      message: `core system emr/emr: ${NO_ALERT}`,
    },
    {
      name: 'no kube-prometheus-stack at all',
      terraform: terraform(coreDeployment('emr', 'emr'), helmReleaseWith('loki', 'loki', '18.11.0', {})),
      resource: 'kubernetes_deployment_v1.emr',
      message: 'core system emr/emr is not alerted on: no kube-prometheus-stack helm_release in prod, which runs clinical systems',
    },
    {
      name: 'CoreSystemDown only after 30 minutes',
      terraform: terraform(coreDeployment('emr', 'emr'), monitoringStack({ alerts: alertsWith('CoreSystemDown', { for: '30m' }) })),
      resource: 'kubernetes_deployment_v1.emr',
      message:
        'CoreSystemDown: for 30m + evaluation interval 30s (operator default) + group_interval 1m (route.routes[1].group_interval 1m; an alert joining a notified group waits for it) = 31m30s > 15 min',
    },
    {
      name: 'a slow evaluation interval pushes the page past 15 minutes',
      terraform: terraform(
        coreDeployment('emr', 'emr'),
        monitoringStack({ alerts: alertsWith('CoreSystemDown', { for: '10m' }), values: { prometheus: { prometheusSpec: { evaluationInterval: '5m' } } } }),
      ),
      message: 'for 10m + evaluation interval 5m (prometheus.prometheusSpec.evaluationInterval) + group_interval 1m',
    },
    {
      name: 'P1 routed to the P3 receiver',
      terraform: terraform(coreDeployment('emr', 'emr'), monitoringStack({ alertmanager: routingWith('P1', { receiver: 'ops-p3' }) })),
      message:
        'CoreSystemDown (P1) lands on receiver ops-p3 (route.routes[1]), which pages nobody (https://itsm.hospital.internal/api/alertmanager/prod: not a pager URL; plan: monitoring.pager.urlPatterns)',
    },
    {
      name: 'P1 with group_wait 20m',
      terraform: terraform(coreDeployment('emr', 'emr'), monitoringStack({ alertmanager: routingWith('P1', { group_wait: '20m' }) })),
      message: 'group_wait 20m (route.routes[1].group_wait 20m) = 22m30s > 15 min',
    },
    {
      name: 'the pager URL pointed at the ticket system',
      terraform: terraform(
        coreDeployment('emr', 'emr'),
        monitoringStack({
          alertmanager: {
            ...standardAlertmanagerConfig(),
            receivers: [
              { name: 'oncall-p1', webhook_configs: [{ url: 'https://itsm.hospital.internal/api/alertmanager/pager' }] },
              { name: 'ops-p2', webhook_configs: [{ url: 'https://itsm.hospital.internal/a' }] },
              { name: 'ops-p3', webhook_configs: [{ url: 'https://itsm.hospital.internal/a' }] },
              { name: 'dead-mans-switch', webhook_configs: [{ url: 'https://heartbeat.hospital.internal/x' }] },
            ],
          },
        }),
      ),
      message: 'lands on receiver oncall-p1 (route.routes[1]), which pages nobody (https://itsm.hospital.internal/api/alertmanager/pager: not a pager URL',
    },
    {
      name: 'the P1 route muted outside office hours',
      terraform: terraform(coreDeployment('emr', 'emr'), monitoringStack({ alertmanager: routingWith('P1', { mute_time_intervals: ['nights'] }) })),
      message: 'which has mute_time_intervals nights: not 7×24',
    },
    {
      name: 'core by the plan even without the tier label',
      terraform: terraform(
        workload('kubernetes_deployment_v1', 'emr', { namespace: 'emr' }),
        monitoringStack({ alerts: alertsWith('CoreSystemDown', { expr: 'kube_deployment_status_replicas_available{deployment="lis"} < 1' }) }),
      ),
      resource: 'kubernetes_deployment_v1.emr',
      message: `core system emr/emr: ${NO_ALERT}`,
    },
    {
      name: 'a core alert that can never fire (< 0)',
      terraform: terraform(
        coreDeployment('emr', 'emr'),
        monitoringStack({ alerts: alertsWith('CoreSystemDown', { expr: 'kube_deployment_status_replicas_available{deployment="emr"} < 0' }) }),
      ),
      message: NO_ALERT,
    },
    {
      name: 'a core Deployment whose name is known only after apply fails closed',
      terraform: terraform(
        workload('kubernetes_deployment_v1', 'emr', { name: '${var.emr_name}', namespace: 'emr', labels: { 'platform.hospital/tier': 'core' } }),
        prometheusStack([coreSystemDown(`${AVAILABLE} < 1`)]),
      ),
      resource: 'kubernetes_deployment_v1.emr',
      message: 'metadata[0].name or metadata[0].namespace is known only after apply; failing closed',
    },
    {
      name: 'a core Deployment whose namespace is known only after apply fails closed',
      terraform: terraform(
        workload('kubernetes_deployment_v1', 'emr', { namespace: '${var.emr_namespace}', labels: { 'platform.hospital/tier': 'core' } }),
        prometheusStack([coreSystemDown(`${AVAILABLE} < 1`)]),
      ),
      resource: 'kubernetes_deployment_v1.emr',
      message: 'metadata[0].name or metadata[0].namespace is known only after apply; failing closed',
    },
    {
      name: 'values known only after apply fail closed',
      terraform: terraform(coreDeployment('emr', 'emr'), stackWithValues('${var.prometheus_values}')),
      resource: 'kubernetes_deployment_v1.emr',
      message: 'helm_release.kps: values is known only after apply; failing closed',
    },
    {
      name: 'a values document known only after apply fails closed',
      terraform: terraform(coreDeployment('emr', 'emr'), stackWithValues([JSON.stringify({ grafana: { enabled: true } }), '${var.prometheus_rules}'])),
      resource: 'kubernetes_deployment_v1.emr',
      message: 'helm_release.kps: values[1] is known only after apply; failing closed',
    },
    {
      name: 'a values document that is not YAML',
      terraform: terraform(coreDeployment('emr', 'emr'), stackWithValues(['additionalPrometheusRulesMap: [1'])),
      message: 'helm_release.kps: values[0] is not valid YAML',
    },
  ],
};
