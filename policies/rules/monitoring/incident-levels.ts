/**
 * From an alert to the person it reaches: its `severity` label is its incident level (plan
 * `incidentLevels`), Alertmanager's route tree sends it to a receiver, and the time from the fault to the
 * first notification is at worst `for` + the evaluation interval + the route's group wait (or its group
 * interval, when the alert joins a group that already notified). A receiver pages when one of its
 * endpoints posts to a URL of the plan's pager (`monitoring.pager.urlPatterns`).
 */
import type { OperationsPlan } from '../../plan/schema';
import { endpointsOf, formatSeconds, heartbeatUrls, routesFor, type Endpoint, type RouteNode } from './alertmanager-routing';
import { at, type AlertPipeline, type AlertRule } from './alert-pipeline';
import { promDurationSeconds } from './promql-model';

/** The plan's incident levels, most urgent (shortest response) first. */
export const levelsOf = (plan: OperationsPlan): string[] =>
  Object.entries(plan.incidentLevels)
    .sort(([, a], [, b]) => a.respondWithinMinutes - b.respondWithinMinutes)
    .map(([level]) => level);

/** Whether `level` is a plan level at least as urgent as `required`. */
export function atLeastAsUrgent(plan: OperationsPlan, level: string | undefined, required: string): boolean {
  if (level === undefined || !Object.hasOwn(plan.incidentLevels, level)) return false;
  return plan.incidentLevels[level]!.respondWithinMinutes <= plan.incidentLevels[required]!.respondWithinMinutes;
}

/** The plan level an alert rule opens, or undefined (no severity, a templated one, or no plan level). */
export function levelOf(plan: OperationsPlan, rule: Pick<AlertRule, 'labels'>): string | undefined {
  const severity = rule.labels.severity;
  return severity !== undefined && Object.hasOwn(plan.incidentLevels, severity) ? severity : undefined;
}

/** Labels Alertmanager routes an alert by; templated values are unknown until it fires (read as ""). */
export function routingLabels(rule: Pick<AlertRule, 'alert' | 'labels'>): Record<string, string> {
  const labels: Record<string, string> = { alertname: rule.alert };
  for (const [key, value] of Object.entries(rule.labels)) labels[key] = value.includes('{{') ? '' : value;
  return labels;
}

export const pagerPatterns = (plan: OperationsPlan): RegExp[] => plan.monitoring.pager.urlPatterns.map((pattern) => new RegExp(pattern));

/** Where Alertmanager's credential files may come from, and which URLs are heartbeats. */
export interface PagingContext {
  readonly patterns: readonly RegExp[];
  /** Secrets the operator mounts into Alertmanager (`alertmanagerSpec.secrets`) at /etc/alertmanager/secrets/<name>/. */
  readonly secrets: readonly string[];
  readonly heartbeats: ReadonlyMap<string, string>;
}

export const SECRETS_DIR = '/etc/alertmanager/secrets';

export function pagingContext(pipeline: AlertPipeline, plan: OperationsPlan): PagingContext {
  const mounted = at(pipeline.values, 'alertmanager', 'alertmanagerSpec', 'secrets');
  return {
    patterns: pagerPatterns(plan),
    secrets: Array.isArray(mounted) ? mounted.map(String) : [],
    heartbeats: pipeline.routing ? heartbeatUrls(pipeline.config, pipeline.routing) : new Map(),
  };
}

/**
 * Why an endpoint does not page on-call (undefined when it does): its URL is not the plan's pager, it
 * is the endpoint of the always-firing Watchdog (a dead man's switch), or it posts without credentials
 * read from a Secret mounted into Alertmanager (the pager gateway refuses it; a literal token in the
 * config is readable by everyone who can read the Helm values).
 */
export function pagerProblem(endpoint: Endpoint, context: PagingContext): string | undefined {
  const name = endpoint.url ?? `${endpoint.kind} without url`;
  if (endpoint.url === undefined || !context.patterns.some((pattern) => pattern.test(endpoint.url!))) return `${name}: not a pager URL`;
  const heartbeat = context.heartbeats.get(endpoint.url);
  if (heartbeat) return `${name}: the heartbeat endpoint of ${heartbeat}, not a pager`;
  if (endpoint.credentialLiterals.length > 0)
    return `${name}: ${endpoint.path} writes ${endpoint.credentialLiterals.join(', ')} into alertmanager.config instead of reading it from a Secret`;
  const files = Object.entries(endpoint.credentialFiles);
  if (files.length === 0)
    return `${name}: ${endpoint.path} sends no credentials (the pager gateway refuses it; set http_config.authorization.credentials_file to a mounted Secret)`;
  const outside = files.find(
    ([, file]) => !context.secrets.some((secret) => file.startsWith(`${SECRETS_DIR}/${secret}/`) && file.length > `${SECRETS_DIR}/${secret}/`.length),
  );
  if (outside)
    return `${name}: ${endpoint.path}.${outside[0]} ${outside[1]} is not a file of a Secret in alertmanager.alertmanagerSpec.secrets (${context.secrets.join(', ') || 'none'})`;
  return undefined;
}

export const isPagerEndpoint = (endpoint: Endpoint, context: PagingContext): boolean => pagerProblem(endpoint, context) === undefined;

export interface Delivery {
  readonly route: RouteNode;
  readonly endpoints: readonly Endpoint[] | undefined;
  readonly pages: boolean;
  /** Per endpoint, why it does not page (for messages). */
  readonly notPaging: readonly string[];
  /** Worst time from the fault to the first notification, in seconds. */
  readonly worstSeconds: number;
  /** The terms of `worstSeconds`, for messages. */
  readonly breakdown: string;
}

/** Where an alert with these labels ends, and how late it is notified at worst. */
export function deliveriesOf(
  pipeline: AlertPipeline,
  labels: Record<string, string>,
  plan: OperationsPlan,
  timing: { readonly forSeconds: number; readonly forText: string; readonly evaluationSeconds: number; readonly evaluationText: string },
): Delivery[] {
  if (!pipeline.routing) return [];
  const context = pagingContext(pipeline, plan);
  return routesFor(pipeline.routing, labels).map((route) => {
    const endpoints = endpointsOf(pipeline.config, route.receiver);
    const wait = Math.max(route.groupWait, route.groupInterval);
    const waitText =
      route.groupInterval > route.groupWait
        ? `group_interval ${formatSeconds(route.groupInterval)} (${route.timingSource.groupInterval}; an alert joining a notified group waits for it)`
        : `group_wait ${formatSeconds(route.groupWait)} (${route.timingSource.groupWait})`;
    return {
      route,
      endpoints,
      pages: (endpoints ?? []).some((endpoint) => isPagerEndpoint(endpoint, context)),
      notPaging: (endpoints ?? []).map((endpoint) => pagerProblem(endpoint, context) ?? `${endpoint.url ?? endpoint.kind}: pages`),
      worstSeconds: timing.forSeconds + timing.evaluationSeconds + wait,
      breakdown: `for ${timing.forText} + evaluation interval ${timing.evaluationText} + ${waitText}`,
    };
  });
}

/** `for` of a rule in seconds (0 when unset; undefined when unreadable). */
export function forSeconds(rule: Pick<AlertRule, 'for'>): number | undefined {
  return rule.for === undefined ? 0 : promDurationSeconds(rule.for);
}

export const minutes = (plan: OperationsPlan, level: string): number => plan.incidentLevels[level]!.respondWithinMinutes;

/** How often a rule is evaluated, with where that comes from (its group's `interval`, or the global one). */
export const evaluationText = (rule: Pick<AlertRule, 'groupInterval' | 'group'>, global: string): string =>
  rule.groupInterval ? `${rule.groupInterval} (rule group ${rule.group} interval)` : global;
