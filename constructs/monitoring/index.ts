import { Release } from '@cdktf/provider-helm/lib/release';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { StackArtifacts } from '../artifacts';
import { platformLabels } from '../platform-labels';
import type { Placement } from '../restricted-workload';
import { buildAlertRules, type MonitoredSystem, type RuleGroup } from './alert-rules';
import { buildAlertmanagerConfig } from './alertmanager-config';
import { CHARTS, kubePrometheusStackValues, lokiValues, snmpExporterValues } from './chart-values';
import { buildDashboards, type RenderedDashboard } from './dashboards';
import { resolveMonitoringSettings, type MonitoringSettings, type MonitoringSettingsProps } from './settings';

export * from './alert-rules';
export { buildAlertmanagerConfig, RECEIVERS } from './alertmanager-config';
export { CHARTS, RULES_MAP_KEY } from './chart-values';
export { buildDashboards, type RenderedDashboard } from './dashboards';
export * from './settings';

/** The label the Grafana sidecar of kube-prometheus-stack loads dashboards from. */
export const GRAFANA_DASHBOARD_LABEL = 'grafana_dashboard';

/**
 * The monitoring settings (only the Alertmanager endpoints are required; everything else defaults to the
 * operations plan's values, MONITORING_DEFAULTS) and what is monitored.
 */
export interface MonitoringProps extends MonitoringSettingsProps {
  /** Every clinical system with its namespace; core ones get CoreSystemDown. */
  readonly systems: readonly MonitoredSystem[];
  /** Registration HPA bounds, for the dashboard's band; default: minAvailableReplicas to twice that. */
  readonly registrationReplicas?: { readonly min: number; readonly max: number };
  /** Node selector and tolerations of every monitoring pod; default: none (any untainted node). */
  readonly placement?: Placement;
  /** What must exist first (the monitoring namespace). */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** YAML of the exact objects the Helm values carry (no line folding: promtool and reviewers read it). */
const yaml = (value: unknown): string => stringify(value, { lineWidth: 0 });

/**
 * Monitoring and alerting by incident level, dashboards and log retention:
 * kube-prometheus-stack (Prometheus, Alertmanager, Grafana), Loki, and the SNMP exporter for the
 * machine room. Rules, routing and dashboards are also written as artifacts for promtool, amtool and
 * reviewers.
 */
export class Monitoring extends Construct {
  /** The settings in effect (the props with their defaults). */
  readonly settings: MonitoringSettings;
  readonly ruleGroups: readonly RuleGroup[];
  readonly alertmanagerConfig: Record<string, unknown>;
  readonly dashboards: readonly RenderedDashboard[];
  readonly prometheusStack: Release;
  readonly loki: Release;
  readonly snmpExporter?: Release;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const config = resolveMonitoringSettings(props);
    this.settings = config;
    const placement: Placement = props.placement ?? { nodeSelector: {}, tolerations: [] };
    const namespace = config.namespace;

    this.ruleGroups = buildAlertRules({ alerts: config.alerts, machineRoom: config.machineRoom, systems: props.systems });
    this.alertmanagerConfig = buildAlertmanagerConfig(config.alertmanager);
    this.dashboards = buildDashboards({ alerts: config.alerts, systems: props.systems, registrationReplicas: props.registrationReplicas });

    const dependsOn = [...(props.dependsOn ?? [])];
    const release = (releaseId: string, chart: (typeof CHARTS)[keyof typeof CHARTS], values: unknown, after: readonly ITerraformDependable[] = []): Release =>
      new Release(this, releaseId, {
        dependsOn: [...dependsOn, ...after],
        name: chart.name,
        chart: chart.chart,
        repository: chart.repository,
        version: chart.version,
        namespace,
        createNamespace: false,
        atomic: true,
        cleanupOnFail: true,
        timeout: 900,
        maxHistory: 10,
        values: [yaml(values)],
      });

    this.prometheusStack = release(
      'kube-prometheus-stack',
      CHARTS.kubePrometheusStack,
      kubePrometheusStackValues({ config, ruleGroups: this.ruleGroups, alertmanagerConfig: this.alertmanagerConfig, placement }),
    );
    this.loki = release('loki', CHARTS.loki, lokiValues(config, placement));
    if (config.machineRoom.snmpTargets.length > 0) {
      // Its ServiceMonitors need the CRDs kube-prometheus-stack installs.
      this.snmpExporter = release('snmp-exporter', CHARTS.snmpExporter, snmpExporterValues(config, placement, CHARTS.kubePrometheusStack.name), [
        this.prometheusStack,
      ]);
    }

    for (const dashboard of this.dashboards) {
      new ConfigMapV1(this, `dashboard-${dashboard.uid}`, {
        dependsOn,
        metadata: {
          name: `dashboard-${dashboard.uid}`,
          namespace,
          labels: { ...platformLabels('grafana-dashboards'), [GRAFANA_DASHBOARD_LABEL]: '1' },
        },
        data: { [dashboard.file]: JSON.stringify(dashboard.json, null, 2) },
      });
    }

    const artifacts = StackArtifacts.of(this);
    artifacts.add('prometheus-rules.yaml', yaml({ groups: this.ruleGroups }));
    artifacts.add('alertmanager.yaml', yaml(this.alertmanagerConfig));
    for (const dashboard of this.dashboards) artifacts.add(`dashboards/${dashboard.file}`, `${JSON.stringify(dashboard.json, null, 2)}\n`);
  }
}
