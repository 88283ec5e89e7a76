import type { RuleFixtures } from '../fixtures';
import { resource, workload } from '../fixture-builders';
import { coreDeployment, coreSystemDown, helmReleaseWith, prometheusStack, terraform } from './fixture-builders';

const AVAILABLE = 'kube_deployment_status_replicas_available';
const STACK = 'helm_release.kube-prometheus-stack';

/** A kube-prometheus-stack helm_release with raw `values` (documents as Terraform holds them). */
const stackWithValues = (values: unknown, chart = 'kube-prometheus-stack'): Record<string, unknown> =>
  resource('helm_release', 'kps', { name: 'kps', chart, version: '88.5.3', repository: 'https://prometheus-community.github.io/helm-charts', namespace: 'monitoring', values });
const rulesMap = (rules: readonly unknown[]) => ({ additionalPrometheusRulesMap: { hospital: { groups: [{ name: 'availability', rules }] } } });

export const coreSystemsAlertedFixtures: RuleFixtures = {
  ruleId: 'monitoring/core-systems-alerted',
  pass: [
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
        workload('kubernetes_deployment_v1', 'billing-canary', { namespace: 'his', labels: { 'platform.hospital/tier': 'core', 'platform.hospital/track': 'canary' } }),
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
      terraform: terraform(coreDeployment('emr', 'emr'), prometheusStack([coreSystemDown(`${AVAILABLE}{namespace!="guest-services",deployment!~"lis|pacs.*"} < 1`)])),
      resource: 'kubernetes_deployment_v1.emr',
    },
    {
      name: 'a second CoreSystemDown rule covers what the first (P2) does not',
      terraform: terraform(
        coreDeployment('emr', 'emr'),
        prometheusStack([coreSystemDown(`${AVAILABLE}{deployment="emr"} < 1`, 'P2'), coreSystemDown(`${AVAILABLE}{deployment="lis"} < 1`), coreSystemDown(`${AVAILABLE}{deployment="emr"} < 1`)]),
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
      terraform: terraform(coreDeployment('emr', 'emr'), prometheusStack([coreSystemDown(`${AVAILABLE}{deployment="lis"} < 1 or ${AVAILABLE}{deployment="emr"} < 1`)])),
      resource: 'kubernetes_deployment_v1.emr',
    },
    {
      name: 'a second stack release with unreadable values does not hide the alert of the first',
      terraform: terraform(coreDeployment('emr', 'emr'), prometheusStack([coreSystemDown(`${AVAILABLE}{deployment="emr"} < 1`)]), stackWithValues('${var.prometheus_values}')),
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
      terraform: terraform(coreDeployment('emr', 'emr'), stackWithValues(['', JSON.stringify(rulesMap([coreSystemDown(`${AVAILABLE}{deployment="emr"} < 1`)])), '# overrides: none\n'])),
      message: 'pages on-call through CoreSystemDown (P1) in helm_release.kps',
    },
    {
      name: 'the chart named with its repository prefix',
      terraform: terraform(coreDeployment('emr', 'emr'), stackWithValues([JSON.stringify(rulesMap([coreSystemDown(`${AVAILABLE}{deployment="emr"} < 1`)]))], 'prometheus-community/kube-prometheus-stack')),
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
              hospital: { groups: [null, { name: 'broken' }, { name: 'by-name', rules: { emr: coreSystemDown(`${AVAILABLE} < 1`) } }, { name: 'availability', rules: ['CoreSystemDown', { alert: 'CoreSystemDown' }, { expr: 'up == 0' }, coreSystemDown(`${AVAILABLE}{deployment="emr"} < 1`)] }] },
            },
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
      message: `core system his/billing: 1 CoreSystemDown rule(s) with severity P1, none selecting it (additionalPrometheusRulesMap of ${STACK})`,
    },
    {
      name: 'an equality matcher naming another deployment',
      terraform: terraform(coreDeployment('lis', 'lis'), prometheusStack([coreSystemDown(`${AVAILABLE}{deployment="emr"} < 1`)])),
      resource: 'kubernetes_deployment_v1.lis',
      message: 'core system lis/lis: 1 CoreSystemDown rule(s) with severity P1, none selecting it',
    },
    {
      name: 'a regex matcher is anchored: "reg" does not select registration',
      terraform: terraform(coreDeployment('registration', 'his'), prometheusStack([coreSystemDown(`${AVAILABLE}{deployment=~"reg"} < 1`)])),
      message: 'none selecting it',
    },
    {
      name: 'a negative matcher that excludes the deployment',
      terraform: terraform(coreDeployment('emr', 'emr'), prometheusStack([coreSystemDown(`${AVAILABLE}{deployment!="emr"} < 1`)])),
      message: 'none selecting it',
    },
    {
      name: 'a negative regex matcher that excludes the deployment',
      terraform: terraform(coreDeployment('emr', 'emr'), prometheusStack([coreSystemDown(`${AVAILABLE}{deployment!~"e.*"} < 1`)])),
      message: 'none selecting it',
    },
    {
      name: 'the selector of another metric that merely ends in the same name',
      terraform: terraform(coreDeployment('emr', 'emr'), prometheusStack([coreSystemDown(`hospital_${AVAILABLE}{deployment="emr"} < 1`)])),
      message: 'none selecting it',
    },
    {
      name: 'CoreSystemDown only P2',
      terraform: terraform(coreDeployment('emr', 'emr'), prometheusStack([coreSystemDown(`${AVAILABLE}{deployment="emr"} < 1`, 'P2')])),
      message: 'severity P2',
    },
    {
      name: 'CoreSystemDown without severity label',
      terraform: terraform(coreDeployment('emr', 'emr'), prometheusStack([{ alert: 'CoreSystemDown', expr: `${AVAILABLE}{deployment="emr"} < 1` }])),
      message: '1 CoreSystemDown rule(s) with severity unset, none selecting it',
    },
    {
      name: 'only other alerts',
      terraform: terraform(coreDeployment('emr', 'emr'), prometheusStack([{ alert: 'NodeDown', expr: 'up == 0', labels: { severity: 'P1' } }])),
      resource: 'kubernetes_deployment_v1.emr',
      message: `core system emr/emr: no alert named CoreSystemDown (additionalPrometheusRulesMap of ${STACK})`,
    },
    {
      name: 'a stack without additionalPrometheusRulesMap',
      terraform: terraform(coreDeployment('emr', 'emr'), stackWithValues([JSON.stringify({ grafana: { enabled: true } })])),
      resource: 'kubernetes_deployment_v1.emr',
      message: 'core system emr/emr: no alert named CoreSystemDown (additionalPrometheusRulesMap of helm_release.kps)',
    },
    {
      name: 'no kube-prometheus-stack at all',
      terraform: terraform(coreDeployment('emr', 'emr'), helmReleaseWith('loki', 'loki', '18.11.0', {})),
      resource: 'kubernetes_deployment_v1.emr',
      message: 'no kube-prometheus-stack helm_release in prod: core system emr/emr is not alerted on',
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
