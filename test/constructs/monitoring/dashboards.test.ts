import { buildAlertRules, buildDashboards, type MonitoredSystem } from '../../../constructs/monitoring';
import { shippedEnvironment } from '../../support/environments';

const PROMQL_WORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'sum',
  'max',
  'min',
  'avg',
  'count',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'quantile',
  'count_values',
  'le',
]);

/** Metric names a PromQL expression selects (label matchers, grouping labels, functions and strings removed). */
export function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names: string[] = [];
  for (const match of stripped.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    const [, name, call] = match as unknown as [string, string, string | undefined];
    if (call || PROMQL_WORDS.has(name) || /^\d/.test(name)) continue;
    names.push(name);
  }
  return [...new Set(names)];
}

describe('Grafana dashboards', () => {
  const environment = shippedEnvironment('prod');
  const monitoring = environment.monitoring!;
  const systems: MonitoredSystem[] = Object.entries(environment.clinicalSystems).map(([name, system]) => ({
    name,
    namespace: system.namespace,
    core: system.core,
  }));
  const dashboards = buildDashboards({ alerts: monitoring.alerts, systems, registrationReplicas: environment.clinicalSystems.registration!.autoscaling });
  const rules = buildAlertRules({ alerts: monitoring.alerts, machineRoom: monitoring.machineRoom, systems }).flatMap((group) => group.rules);
  const ruleMetrics = new Set(rules.flatMap((rule) => metricNames(rule.expr)));

  it('extracts metric names from PromQL', () => {
    expect(metricNames('histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="a"}[5m])))')).toEqual([
      'http_request_duration_seconds_bucket',
    ]);
    expect(
      metricNames(
        '(time() - max by (namespace, cronjob) (kube_cronjob_status_last_successful_time)) / 3600 * on (namespace) group_left (x) kube_cronjob_labels{a!=""}',
      ),
    ).toEqual(['kube_cronjob_status_last_successful_time', 'kube_cronjob_labels']);
  });

  it('renders "Hospital core systems" with the panels the operations plan asks for', () => {
    const json = JSON.parse(JSON.stringify(dashboards[0]!.json)) as {
      title: string;
      uid: string;
      panels: { title: string; fieldConfig?: any; targets: { expr: string }[] }[];
    };
    expect(json.title).toBe('Hospital core systems');
    const titles = json.panels.map((panel) => panel.title);
    expect(titles).toEqual([
      'Available replicas per core system',
      'Registration p95 response time (objective 1 s)',
      'Lab-result query p95 (objective 500 ms)',
      'Registration replicas (HPA 5–10)',
      'Hours since the last successful backup (daily limit 26h)',
      'Disk usage (expansion at 80 %)',
    ]);
    const steps = (title: string) =>
      json.panels.find((panel) => panel.title === title)!.fieldConfig.defaults.thresholds.steps.map((step: { value: number | null }) => step.value);
    expect(steps('Registration p95 response time (objective 1 s)')).toEqual([null, 1]);
    expect(steps('Lab-result query p95 (objective 500 ms)')).toEqual([null, 0.5]);
    expect(steps('Disk usage (expansion at 80 %)')).toEqual([null, 80]);
    expect(steps('Registration replicas (HPA 5–10)')).toEqual([null, 5, 11]);
    const availability = json.panels[0]!.targets[0]!.expr;
    for (const system of systems.filter((s) => s.core)) expect(availability).toContain(system.name);
  });

  it.each(['dev', 'staging', 'prod', 'dr'])('%s: every dashboard query references only metrics the alert rules use', (name) => {
    const env = shippedEnvironment(name);
    const envSystems = Object.entries(env.clinicalSystems).map(([system, config]) => ({ name: system, namespace: config.namespace, core: config.core }));
    const envRules = buildAlertRules({ alerts: env.monitoring!.alerts, machineRoom: env.monitoring!.machineRoom, systems: envSystems }).flatMap(
      (group) => group.rules,
    );
    const used = new Set(envRules.flatMap((rule) => metricNames(rule.expr)));
    for (const dashboard of buildDashboards({ alerts: env.monitoring!.alerts, systems: envSystems })) {
      const rendered = JSON.parse(JSON.stringify(dashboard.json)) as { panels: { targets: { expr: string }[] }[] };
      const exprs = rendered.panels.flatMap((panel) => panel.targets.map((target) => target.expr));
      expect(exprs.length).toBeGreaterThan(0);
      for (const expr of exprs) {
        const metrics = metricNames(expr);
        expect(metrics.length).toBeGreaterThan(0);
        expect({ expr, unknown: metrics.filter((metric) => !used.has(metric)) }).toEqual({ expr, unknown: [] });
      }
    }
    expect(ruleMetrics.size).toBeGreaterThan(5);
  });
});
