import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { durationSeconds, type AlertSettings } from './settings';
import { KSM_BACKUP_LABEL, KSM_DATA_STORE_LABEL, matcherList, type MonitoredSystem } from './alert-rules';

/** The Prometheus data source kube-prometheus-stack provisions in Grafana (`grafana.sidecar.datasources.uid`). */
const PROMETHEUS: common.DataSourceRef = { type: 'prometheus', uid: 'prometheus' };

export interface DashboardInputs {
  readonly alerts: AlertSettings;
  readonly systems: readonly MonitoredSystem[];
  /** The registration autoscaling bounds (the operations plan: 5 → 10). */
  readonly registrationReplicas?: { readonly min: number; readonly max: number };
}

export interface RenderedDashboard {
  /** File name inside the ConfigMap and under `artifacts/<env>/dashboards/`. */
  readonly file: string;
  readonly uid: string;
  readonly json: dashboard.Dashboard;
}

const query = (expr: string, legend: string, refId = 'A'): prometheus.DataqueryBuilder =>
  new prometheus.DataqueryBuilder().datasource(PROMETHEUS).expr(expr).legendFormat(legend).refId(refId);

/** Thresholds drawn as a red line at each objective. */
const limitLine = (limit: number): dashboard.ThresholdsConfigBuilder =>
  new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps([
    { value: null, color: 'green' },
    { value: limit, color: 'red' },
  ]);

const series = (title: string, unit: string): timeseries.PanelBuilder =>
  new timeseries.PanelBuilder()
    .title(title)
    .datasource(PROMETHEUS)
    .unit(unit)
    .height(8)
    .span(12)
    .thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Line));

const alternation = (names: readonly string[]): string => [...new Set(names)].join('|');

/**
 * "Hospital core systems": what the operations plan watches, each panel against its objective line,
 * with the same metrics and label values the alert rules use.
 */
export function hospitalCoreSystemsDashboard(inputs: DashboardInputs): RenderedDashboard {
  const { alerts } = inputs;
  const core = inputs.systems.filter((system) => system.core);
  const registration = alerts.registration.latency;
  const labResults = alerts.labResultLatency;
  const replicas = inputs.registrationReplicas ?? { min: alerts.registration.minAvailableReplicas, max: alerts.registration.minAvailableReplicas * 2 };
  const registrationNamespace = inputs.systems.find((system) => system.name === alerts.registration.deployment)?.namespace;
  const p95 = (metric: string, matchers: Readonly<Record<string, string>>): string =>
    `histogram_quantile(0.95, sum by (le) (rate(${metric}_bucket{${matcherList(matchers)}}[${alerts.latencyFor}])))`;
  const filesystems = 'fstype!~"tmpfs|overlay|squashfs|ramfs|nsfs",mountpoint!=""';

  const built = new dashboard.DashboardBuilder('Hospital core systems')
    .uid('hospital-core-systems')
    .tags(['hospital', 'core-systems'])
    .timezone('browser')
    .refresh('1m')
    .time({ from: 'now-6h', to: 'now' })
    .withPanel(
      new stat.PanelBuilder()
        .title('Available replicas per core system')
        .description('0 means the system is down (CoreSystemDown, incident level 1).')
        .datasource(PROMETHEUS)
        .height(6)
        .span(24)
        .thresholds(
          limitLine(1).steps([
            { value: null, color: 'red' },
            { value: 1, color: 'green' },
          ]),
        )
        .withTarget(
          query(
            `max by (deployment) (kube_deployment_status_replicas_available{namespace=~"${alternation(core.map((s) => s.namespace))}",deployment=~"${alternation(core.map((s) => s.name))}"})`,
            '{{deployment}}',
          ),
        ),
    )
    .withPanel(
      series(`Registration p95 response time (objective ${registration.thresholdSeconds} s)`, 's')
        .thresholds(limitLine(registration.thresholdSeconds))
        .withTarget(query(p95(registration.metric, registration.matchers), 'p95')),
    )
    .withPanel(
      series(`Lab-result query p95 (objective ${labResults.thresholdSeconds * 1000} ms)`, 's')
        .thresholds(limitLine(labResults.thresholdSeconds))
        .withTarget(query(p95(labResults.metric, labResults.matchers), 'p95')),
    )
    .withPanel(
      series(`Registration replicas (HPA ${replicas.min}–${replicas.max})`, 'short')
        .min(0)
        .max(replicas.max + 2)
        .thresholds(
          new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps([
            { value: null, color: 'red' },
            { value: replicas.min, color: 'green' },
            { value: replicas.max + 1, color: 'orange' },
          ]),
        )
        .withTarget(
          query(
            `max(kube_deployment_status_replicas_available{${matcherList({ ...(registrationNamespace ? { namespace: registrationNamespace } : {}), deployment: alerts.registration.deployment })}})`,
            'available',
          ),
        ),
    )
    .withPanel(
      series(`Hours since the last successful backup (daily limit ${alerts.backup.maxAge.daily})`, 'h')
        .thresholds(limitLine(durationSeconds(alerts.backup.maxAge.daily) / 3600))
        .withTarget(
          query(
            `(time() - max by (namespace, cronjob) (kube_cronjob_status_last_successful_time)) / 3600 * on (namespace, cronjob) group_left (${KSM_BACKUP_LABEL}, ${KSM_DATA_STORE_LABEL}) max by (namespace, cronjob, ${KSM_BACKUP_LABEL}, ${KSM_DATA_STORE_LABEL}) (kube_cronjob_labels{${KSM_BACKUP_LABEL}!=""})`,
            `{{${KSM_DATA_STORE_LABEL}}} {{${KSM_BACKUP_LABEL}}}`,
          ),
        ),
    )
    .withPanel(
      series(`Disk usage (expansion at ${alerts.node.diskUsagePercent} %)`, 'percent')
        .min(0)
        .max(100)
        .thresholds(limitLine(alerts.node.diskUsagePercent))
        .withTarget(
          query(`100 * (1 - node_filesystem_avail_bytes{${filesystems}} / node_filesystem_size_bytes{${filesystems}})`, '{{instance}} {{mountpoint}}'),
        ),
    )
    .build();
  return { file: 'hospital-core-systems.json', uid: 'hospital-core-systems', json: built };
}

/** Every dashboard the platform ships. */
export function buildDashboards(inputs: DashboardInputs): RenderedDashboard[] {
  return [hospitalCoreSystemsDashboard(inputs)];
}
