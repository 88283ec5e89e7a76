import type { MonitoringSettings } from './settings';
import type { Placement } from '../restricted-workload';
import { KSM_METRIC_LABELS_ALLOWLIST, type RuleGroup } from './alert-rules';
import { alertmanagerSecrets } from './alertmanager-config';

/** Pinned charts (exact versions; the values-key check reads the same pins from the synthesized releases). */
export const CHARTS = {
  kubePrometheusStack: {
    name: 'kube-prometheus-stack',
    chart: 'kube-prometheus-stack',
    version: '88.5.3',
    repository: 'https://prometheus-community.github.io/helm-charts',
  },
  loki: { name: 'loki', chart: 'loki', version: '18.11.0', repository: 'https://grafana-community.github.io/helm-charts' },
  snmpExporter: {
    name: 'snmp-exporter',
    chart: 'prometheus-snmp-exporter',
    version: '9.9.0',
    repository: 'https://prometheus-community.github.io/helm-charts',
  },
} as const;

/** Name of the rule group map entry inside `additionalPrometheusRulesMap`. */
export const RULES_MAP_KEY = 'hospital-platform';

type Json = Record<string, unknown>;

/** nodeSelector/tolerations as chart values, omitted when empty (the chart default stays). */
function placementValues(placement: Placement): Json {
  return {
    ...(Object.keys(placement.nodeSelector).length > 0 ? { nodeSelector: { ...placement.nodeSelector } } : {}),
    ...(placement.tolerations.length > 0 ? { tolerations: placement.tolerations.map((t) => ({ ...t, operator: 'Equal' })) } : {}),
  };
}

const volumeClaim = (storageClass: string, size: string): Json => ({
  volumeClaimTemplate: { spec: { storageClassName: storageClass, accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } } } },
});

export interface KubePrometheusStackInputs {
  readonly config: MonitoringSettings;
  readonly ruleGroups: readonly RuleGroup[];
  readonly alertmanagerConfig: Json;
  readonly placement: Placement;
}

/**
 * kube-prometheus-stack: default rules kept, our rules through `additionalPrometheusRulesMap` (the
 * chart adds the `release` label the Prometheus rule selector needs), Alertmanager routing through
 * `alertmanager.config`, credentials only as mounted Secrets, data on the encrypted storage class.
 */
export function kubePrometheusStackValues(inputs: KubePrometheusStackInputs): Json {
  const { config, placement } = inputs;
  const secrets = alertmanagerSecrets(config.alertmanager);
  return {
    defaultRules: { create: true },
    additionalPrometheusRulesMap: { [RULES_MAP_KEY]: { groups: inputs.ruleGroups } },
    alertmanager: {
      config: inputs.alertmanagerConfig,
      alertmanagerSpec: {
        replicas: config.alertmanager.replicas,
        secrets,
        storage: volumeClaim(config.storageClass, '10Gi'),
        ...placementValues(placement),
      },
    },
    prometheus: {
      prometheusSpec: {
        replicas: config.prometheus.replicas,
        retention: config.prometheus.retention,
        ...(config.prometheus.retentionSize ? { retentionSize: config.prometheus.retentionSize } : {}),
        storageSpec: volumeClaim(config.storageClass, config.prometheus.storageSize),
        ...placementValues(placement),
      },
    },
    prometheusOperator: { ...placementValues(placement) },
    grafana: {
      admin: { existingSecret: config.grafana.adminSecret, userKey: 'admin-user', passwordKey: 'admin-password' },
      sidecar: { dashboards: { enabled: true, label: 'grafana_dashboard', labelValue: '1', searchNamespace: 'ALL' } },
      ...placementValues(placement),
    },
    // Backup CronJob and core Deployment labels become series labels (`label_platform_hospital_backup`, …).
    'kube-state-metrics': { metricLabelsAllowlist: KSM_METRIC_LABELS_ALLOWLIST },
  };
}

const hours = (days: number): string => `${days * 24}h`;

/**
 * Loki, monolithic on one encrypted volume: operation and audit streams keep their own (ten-year)
 * retention, every other stream the application-log retention; the compactor deletes what expired.
 */
export function lokiValues(config: MonitoringSettings, placement: Placement): Json {
  const logs = config.logs;
  return {
    deploymentMode: 'Monolithic',
    loki: {
      auth_enabled: false,
      commonConfig: { replication_factor: 1 },
      storage: { type: 'filesystem' },
      schemaConfig: {
        configs: [{ from: '2024-04-01', store: 'tsdb', object_store: 'filesystem', schema: 'v13', index: { prefix: 'index_', period: '24h' } }],
      },
      limits_config: {
        retention_period: hours(logs.applicationRetentionDays),
        retention_stream: logs.streams.map((stream, index) => ({
          selector: stream.selector,
          priority: logs.streams.length - index,
          period: hours(stream.retentionDays),
        })),
      },
      compactor: { retention_enabled: true, delete_request_store: 'filesystem', working_directory: '/var/loki/compactor' },
    },
    singleBinary: {
      replicas: 1,
      persistence: { enabled: true, storageClass: config.storageClass, size: logs.storageSize },
      ...placementValues(placement),
    },
    read: { replicas: 0 },
    write: { replicas: 0 },
    backend: { replicas: 0 },
    chunksCache: { enabled: false },
    resultsCache: { enabled: false },
    lokiCanary: { enabled: false },
    test: { enabled: false },
  };
}

/**
 * The Prometheus SNMP exporter polls the machine room's UPS and air-conditioning controllers with the
 * exporter's stock modules; one ServiceMonitor per target, selected by kube-prometheus-stack's release
 * label.
 */
export function snmpExporterValues(config: MonitoringSettings, placement: Placement, prometheusRelease: string): Json {
  const room = config.machineRoom;
  return {
    resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
    securityContext: { runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: 'RuntimeDefault' } },
    containerSecurityContext: {
      runAsNonRoot: true,
      runAsUser: 65534,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    },
    ...placementValues(placement),
    serviceMonitor: {
      enabled: true,
      selector: { release: prometheusRelease },
      params: room.snmpTargets.map((target) => ({
        name: target.name,
        target: target.address,
        module: [target.module],
        auth: [target.auth],
        interval: room.scrapeInterval,
        labels: { release: prometheusRelease },
        additionalMetricsRelabels: { device: target.name },
      })),
    },
  };
}
