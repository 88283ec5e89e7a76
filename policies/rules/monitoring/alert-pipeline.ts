/**
 * The alerting pipeline of an environment as kube-prometheus-stack would deploy it, read once per
 * environment from the helm_release values (documents and `set` entries merged as Helm merges them,
 * over the chart's defaults where they matter): the alert rules and the interval Prometheus evaluates
 * them at, whether Prometheus loads them and sends to Alertmanager, and Alertmanager's routing,
 * receivers and inhibit rules.
 */
import { perEnvironment } from '../../estate';
import type { Estate, Resource } from '../../model';
import { mergeValues } from '../../helm-values/values-documents';
import { isObject, type Values } from '../../values';
import { parse as parseYaml } from 'yaml';
import { alertRulesOf, releasesOf, type AlertRuleFact, type ParsedRelease } from './helm-facts';
import { ConfigProblem, inhibitRules, routeTree, type InhibitRule, type RouteNode } from './alertmanager-routing';
import { promDurationSeconds } from './promql-model';

export const KUBE_PROMETHEUS_STACK = 'kube-prometheus-stack';

/**
 * The Prometheus operator's default evaluation interval: kube-prometheus-stack 88.5.3 leaves
 * `prometheus.prometheusSpec.evaluationInterval` empty (""), and the Prometheus CRD defaults it to 30s.
 */
export const DEFAULT_EVALUATION_INTERVAL_SECONDS = 30;

/**
 * kube-prometheus-stack's default `alertmanager.config` (values.yaml of chart 88.5.3, unchanged for many
 * versions): Helm merges the release's config over it key by key, so a route without `repeat_interval`
 * repeats every 12h, and a config without `inhibit_rules` keeps these.
 */
const CHART_ALERTMANAGER_CONFIG: Values = {
  global: { resolve_timeout: '5m' },
  inhibit_rules: [
    { source_matchers: ['severity = critical'], target_matchers: ['severity =~ warning|info'], equal: ['namespace', 'alertname'] },
    { source_matchers: ['severity = warning'], target_matchers: ['severity = info'], equal: ['namespace', 'alertname'] },
    { source_matchers: ['alertname = InfoInhibitor'], target_matchers: ['severity = info'], equal: ['namespace'] },
    { target_matchers: ['alertname = InfoInhibitor'] },
  ],
  route: {
    group_by: ['namespace'],
    group_wait: '30s',
    group_interval: '5m',
    repeat_interval: '12h',
    receiver: 'null',
    routes: [{ receiver: 'null', matchers: ['alertname = "Watchdog"'] }],
  },
  receivers: [{ name: 'null' }],
  templates: ['/etc/alertmanager/config/*.tmpl'],
};

export interface AlertRule extends AlertRuleFact {
  /** How often Prometheus evaluates the rule (its group's interval, else the global one), in seconds. */
  readonly evaluationSeconds: number;
}

export interface AlertPipeline {
  readonly release: Resource;
  /** The release's values as Helm merges them (documents, then `set`). */
  readonly values: Values;
  /** Why alerts of this release would not reach Alertmanager's routing (empty when they would). */
  readonly broken: readonly string[];
  readonly rules: readonly AlertRule[];
  readonly evaluationSeconds: number;
  /** Where the global evaluation interval comes from, for messages. */
  readonly evaluationSource: string;
  readonly config: Values;
  readonly routing?: RouteNode;
  readonly inhibitRules: readonly InhibitRule[];
  /** Set when the Alertmanager config cannot be read. */
  readonly routingProblem?: string;
  /** The Alertmanager Service the chart creates: `<fullname>-alertmanager` in the release namespace. */
  readonly alertmanagerService: { readonly name: string; readonly namespace: string; readonly port: number };
}

const flag = (value: unknown): boolean | undefined => (value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined);
export const at = (values: Values, ...path: string[]): unknown =>
  path.reduce<unknown>((current, key) => (isObject(current) ? current[key] : undefined), values);

/** kube-prometheus-stack.fullname: fullnameOverride, else the release name (if it contains the chart name) or `<release>-<chart>`, cut at 26. */
function fullname(release: Resource, values: Values): string {
  const cut = (name: string) => name.slice(0, 26).replace(/-+$/, '');
  const override = at(values, 'fullnameOverride');
  if (typeof override === 'string' && override) return cut(override);
  const chart = typeof at(values, 'nameOverride') === 'string' && at(values, 'nameOverride') ? String(at(values, 'nameOverride')) : KUBE_PROMETHEUS_STACK;
  const name = typeof release.values.name === 'string' ? release.values.name : KUBE_PROMETHEUS_STACK;
  return cut(name.includes(chart) ? name : `${name}-${chart}`);
}

function alertmanagerConfigOf(values: Values): { config: Values; problem?: string } {
  const stringConfig = at(values, 'alertmanager', 'stringConfig');
  if (typeof stringConfig === 'string' && stringConfig.trim() !== '') {
    try {
      const parsed: unknown = parseYaml(stringConfig);
      return isObject(parsed) ? { config: parsed } : { config: {}, problem: 'alertmanager.stringConfig is not a YAML mapping' };
    } catch (error) {
      return { config: {}, problem: `alertmanager.stringConfig is not YAML (${(error as Error).message.split('\n')[0]})` };
    }
  }
  const own = at(values, 'alertmanager', 'config');
  return { config: mergeValues(CHART_ALERTMANAGER_CONFIG, isObject(own) ? own : {}) };
}

function pipelineOf(release: ParsedRelease): AlertPipeline {
  const values = release.values;
  const name = fullname(release.resource, values);
  const namespace = typeof release.resource.values.namespace === 'string' ? release.resource.values.namespace : 'default';
  const broken: string[] = [];
  if (release.problem) broken.push(`${release.resource.address}: ${release.problem}`);
  if (flag(at(values, 'prometheus', 'enabled')) === false) broken.push('prometheus.enabled is false: no Prometheus evaluates the alert rules');
  if (flag(at(values, 'alertmanager', 'enabled')) === false) broken.push('alertmanager.enabled is false: no Alertmanager routes the alerts');
  // The operator runs `replicas` pods of each (the CRDs default to 1): at 0 nothing evaluates or routes.
  for (const [path, what] of [
    [['prometheus', 'prometheusSpec', 'replicas'], 'no Prometheus evaluates the alert rules'],
    [['alertmanager', 'alertmanagerSpec', 'replicas'], 'no Alertmanager routes the alerts'],
  ] as const) {
    const replicas = at(values, ...path);
    if (replicas !== undefined && replicas !== null && !(Number(replicas) >= 1)) broken.push(`${path.join('.')} is ${String(replicas)}: ${what}`);
  }
  if (flag(at(values, 'alertmanager', 'alertmanagerSpec', 'useExistingSecret')) === true)
    broken.push(
      'alertmanager.alertmanagerSpec.useExistingSecret is true: the routing in the values is ignored (a Secret not in this configuration routes the alerts)',
    );
  const configSecret = at(values, 'alertmanager', 'alertmanagerSpec', 'configSecret');
  if (typeof configSecret === 'string' && configSecret)
    broken.push(`alertmanager.alertmanagerSpec.configSecret is "${configSecret}": the routing in the values is ignored`);
  const ruleSelector = at(values, 'prometheus', 'prometheusSpec', 'ruleSelector');
  // The labels the chart puts on the PrometheusRule objects of additionalPrometheusRulesMap.
  const ruleLabels: Record<string, string> = { app: KUBE_PROMETHEUS_STACK, release: String(release.resource.values.name ?? '') };
  const matchLabels = isObject(ruleSelector) ? at(ruleSelector, 'matchLabels') : undefined;
  if (isObject(matchLabels)) {
    for (const [key, value] of Object.entries(matchLabels)) {
      if (ruleLabels[key] !== String(value))
        broken.push(
          `prometheus.prometheusSpec.ruleSelector.matchLabels.${key}=${String(value)} does not select the chart’s rules (labels ${JSON.stringify(ruleLabels)}): the alert rules are not loaded`,
        );
    }
  }
  if (isObject(ruleSelector) && Array.isArray(ruleSelector.matchExpressions) && ruleSelector.matchExpressions.length > 0) {
    broken.push('prometheus.prometheusSpec.ruleSelector.matchExpressions is set: the rule cannot prove the alert rules are loaded');
  }
  const alertingEndpoints = at(values, 'prometheus', 'prometheusSpec', 'alertingEndpoints');
  if (Array.isArray(alertingEndpoints) && alertingEndpoints.length > 0) {
    const wrong = alertingEndpoints.filter((endpoint) => !isObject(endpoint) || endpoint.name !== `${name}-alertmanager`);
    if (wrong.length > 0)
      broken.push(
        `prometheus.prometheusSpec.alertingEndpoints sends alerts to ${wrong.map((endpoint) => (isObject(endpoint) ? String(endpoint.name) : String(endpoint))).join(', ')}, not to ${name}-alertmanager`,
      );
  }

  const intervalValue = at(values, 'prometheus', 'prometheusSpec', 'evaluationInterval');
  const intervalText = typeof intervalValue === 'string' && intervalValue !== '' ? intervalValue : undefined;
  const parsedInterval = intervalText ? promDurationSeconds(intervalText) : DEFAULT_EVALUATION_INTERVAL_SECONDS;
  if (parsedInterval === undefined) broken.push(`prometheus.prometheusSpec.evaluationInterval "${intervalText}" is not a duration`);
  const evaluationSeconds = parsedInterval ?? DEFAULT_EVALUATION_INTERVAL_SECONDS;
  const evaluationSource = intervalText
    ? `${intervalText} (prometheus.prometheusSpec.evaluationInterval)`
    : `${DEFAULT_EVALUATION_INTERVAL_SECONDS}s (operator default)`;
  const rules = alertRulesOf(release).map((rule) => {
    const own = rule.groupInterval ? promDurationSeconds(rule.groupInterval) : undefined;
    return { ...rule, evaluationSeconds: own ?? evaluationSeconds };
  });

  const { config, problem } = alertmanagerConfigOf(values);
  let routing: RouteNode | undefined;
  let inhibit: InhibitRule[] = [];
  let routingProblem = problem;
  if (!routingProblem) {
    try {
      routing = routeTree(config);
      inhibit = inhibitRules(config);
    } catch (error) {
      if (!(error instanceof ConfigProblem) && !(error instanceof SyntaxError)) throw error;
      routingProblem = `alertmanager.config: ${error.message}`;
    }
  }
  const port = Number(at(values, 'alertmanager', 'service', 'port') ?? 9093);
  return {
    release: release.resource,
    values,
    broken,
    rules,
    evaluationSeconds,
    evaluationSource,
    config,
    ...(routing ? { routing } : {}),
    inhibitRules: inhibit,
    ...(routingProblem ? { routingProblem } : {}),
    alertmanagerService: { name: `${name}-alertmanager`, namespace, port: Number.isFinite(port) ? port : 9093 },
  };
}

/** The kube-prometheus-stack pipelines of an environment (usually one). */
export const alertPipelines = perEnvironment((estate: Estate, environment: string): readonly AlertPipeline[] =>
  releasesOf(estate, environment, KUBE_PROMETHEUS_STACK).map(pipelineOf),
);
