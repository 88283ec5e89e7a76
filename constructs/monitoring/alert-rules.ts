import { durationSeconds, type AlertSettings, type LatencyObjective, type MachineRoomSettings } from './settings';
import { BACKUP_LABEL, DATA_STORE_LABEL, SYSTEM_LABEL, TIER_LABEL } from '../platform-labels';

/** Incident levels of the operations plan, as the `severity` label of every alert. */
export type IncidentLevel = 'P1' | 'P2' | 'P3';

/** Response time the operations plan promises per incident level. */
export const RESPONSE_TIME: Record<IncidentLevel, string> = { P1: '15 minutes', P2: '1 hour', P3: '2 hours' };

export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: { readonly severity: IncidentLevel; readonly system: string } & Readonly<Record<string, string>>;
  readonly annotations: { readonly summary: string; readonly description: string; readonly runbook_url: string };
}

export interface RuleGroup {
  readonly name: string;
  readonly rules: readonly AlertRule[];
}

/** A clinical system as the alert rules see it. */
export interface MonitoredSystem {
  readonly name: string;
  readonly namespace: string;
  readonly core: boolean;
}

export interface AlertRuleInputs {
  readonly alerts: AlertSettings;
  readonly machineRoom: MachineRoomSettings;
  readonly systems: readonly MonitoredSystem[];
}

/** The Prometheus label kube-state-metrics exports for a Kubernetes label (non-alphanumerics become `_`). */
const kubeStateMetricsLabel = (key: string): string => `label_${key.replace(/[^a-zA-Z0-9]/g, '_')}`;

/** kube-state-metrics label names of the backup CronJob labels (allow-listed in the chart values). */
export const KSM_BACKUP_LABEL = kubeStateMetricsLabel(BACKUP_LABEL);
export const KSM_DATA_STORE_LABEL = kubeStateMetricsLabel(DATA_STORE_LABEL);
/** The kube-state-metrics allow-list that makes those labels exist (`--metric-labels-allowlist`). */
export const KSM_METRIC_LABELS_ALLOWLIST = [`cronjobs=[${BACKUP_LABEL},${DATA_STORE_LABEL}]`, `deployments=[${TIER_LABEL},${SYSTEM_LABEL}]`];

const FILESYSTEMS = 'fstype!~"tmpfs|overlay|squashfs|ramfs|nsfs",mountpoint!=""';

const kebab = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();

const escapeValue = (value: string): string => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
/** `{ service: 'lis' }` → `service="lis"` (a PromQL matcher list without braces). */
export const matcherList = (matchers: Readonly<Record<string, string>>): string =>
  Object.entries(matchers)
    .map(([name, value]) => `${name}="${escapeValue(value)}"`)
    .join(',');
/** Anchored alternation of literal names for a `=~` matcher. */
const alternation = (names: readonly string[]): string => [...new Set(names)].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\\\$&')).join('|');

/**
 * The platform's alert rules, grouped by what they watch. Every rule carries the incident level as
 * `severity`, the affected `system` (Alertmanager inhibits a system's P2/P3 while its P1 fires), and
 * summary, description and runbook link. Names, metric names and thresholds come from configuration.
 */
export function buildAlertRules(inputs: AlertRuleInputs): RuleGroup[] {
  const { alerts, machineRoom } = inputs;
  const runbook = (alert: string): string => `${alerts.runbookBaseUrl.replace(/\/+$/, '')}/${kebab(alert)}`;
  const rule = (alert: string, body: Omit<AlertRule, 'alert' | 'annotations'> & { summary: string; description: string }): AlertRule => ({
    alert,
    expr: body.expr,
    ...(body.for ? { for: body.for } : {}),
    labels: body.labels,
    annotations: { summary: body.summary, description: body.description, runbook_url: runbook(alert) },
  });

  const core = inputs.systems.filter((system) => system.core);
  const registration = inputs.systems.find((system) => system.name === alerts.registration.deployment);
  const registrationSelector = matcherList({
    ...(registration ? { namespace: registration.namespace } : {}),
    deployment: alerts.registration.deployment,
  });

  const availability: AlertRule[] = [];
  if (core.length > 0) {
    availability.push(
      rule('CoreSystemDown', {
        expr: `max by (namespace, deployment) (kube_deployment_status_replicas_available{namespace=~"${alternation(core.map((s) => s.namespace))}",deployment=~"${alternation(core.map((s) => s.name))}"}) < 1`,
        for: alerts.coreSystemDownFor,
        labels: { severity: 'P1', system: '{{ $labels.deployment }}' },
        summary: 'Core system {{ $labels.deployment }} is down',
        description: `Deployment {{ $labels.namespace }}/{{ $labels.deployment }} has had no available replica for ${alerts.coreSystemDownFor}. Incident level 1: respond within ${RESPONSE_TIME.P1}.`,
      }),
    );
  }
  availability.push(
    rule('RegistrationCapacityLow', {
      expr: `max by (namespace, deployment) (kube_deployment_status_replicas_available{${registrationSelector}}) < ${alerts.registration.minAvailableReplicas}`,
      for: alerts.registration.capacityFor,
      labels: { severity: 'P2', system: alerts.registration.latency.system },
      summary: 'Registration runs below its minimum capacity',
      description: `Registration has {{ $value }} available replicas (fewer than ${alerts.registration.minAvailableReplicas}) for ${alerts.registration.capacityFor}; the morning peak needs them. Incident level 2: respond within ${RESPONSE_TIME.P2}.`,
    }),
  );

  // The HPA is named after the Deployment (constructs/clinical-service): at its maximum the next surge queues.
  const registrationHpa = matcherList({
    ...(registration ? { namespace: registration.namespace } : {}),
    horizontalpodautoscaler: alerts.registration.deployment,
  });
  availability.push(
    rule('RegistrationAtMaxCapacity', {
      expr: `max by (namespace, horizontalpodautoscaler) (kube_horizontalpodautoscaler_status_current_replicas{${registrationHpa}}) >= on (namespace, horizontalpodautoscaler) max by (namespace, horizontalpodautoscaler) (kube_horizontalpodautoscaler_spec_max_replicas{${registrationHpa}})`,
      for: alerts.registration.capacityFor,
      labels: { severity: 'P2', system: alerts.registration.latency.system },
      summary: 'Registration runs at its autoscaling maximum',
      description: `Registration has run at its HPA maximum ({{ $value }} replicas) for ${alerts.registration.capacityFor}: a further surge of the morning peak queues. Incident level 2: respond within ${RESPONSE_TIME.P2}.`,
    }),
  );

  const latency = (alert: string, config: LatencyObjective, what: string): AlertRule =>
    rule(alert, {
      expr: `histogram_quantile(0.95, sum by (le) (rate(${config.metric}_bucket{${matcherList(config.matchers)}}[${alerts.latencyFor}]))) > ${config.thresholdSeconds}`,
      for: alerts.latencyFor,
      labels: { severity: 'P2', system: config.system },
      summary: `${what} p95 latency above ${config.thresholdSeconds * 1000} ms`,
      description: `The 95th percentile of ${what} response time is {{ $value | humanizeDuration }} over ${alerts.latencyFor} (objective ≤ ${config.thresholdSeconds} s). Incident level 2: respond within ${RESPONSE_TIME.P2}.`,
    });
  const responseTimes = [
    latency('RegistrationLatencyHigh', alerts.registration.latency, 'registration'),
    latency('LabResultQueryLatencyHigh', alerts.labResultLatency, 'lab-result query'),
  ];

  const node = alerts.node;
  const nodes: AlertRule[] = [
    rule('NodeDiskUsageHigh', {
      expr: `100 * (1 - node_filesystem_avail_bytes{${FILESYSTEMS}} / node_filesystem_size_bytes{${FILESYSTEMS}}) >= ${node.diskUsagePercent}`,
      for: node.diskFor,
      labels: { severity: 'P3', system: 'infrastructure' },
      summary: 'Filesystem {{ $labels.mountpoint }} on {{ $labels.instance }} is {{ $value | humanize }}% full',
      description: `A node filesystem is at least ${node.diskUsagePercent} % used for ${node.diskFor}: plan the expansion. Incident level 3: respond within ${RESPONSE_TIME.P3}.`,
    }),
    rule('NodeDiskWillFillIn24h', {
      expr: `predict_linear(node_filesystem_avail_bytes{${FILESYSTEMS}}[${node.diskFillLookback}], 86400) < 0`,
      for: '30m',
      labels: { severity: 'P2', system: 'infrastructure' },
      summary: 'Filesystem {{ $labels.mountpoint }} on {{ $labels.instance }} fills within 24 h',
      description: `Extrapolating the last ${node.diskFillLookback}, the filesystem runs out of space within 24 hours. Incident level 2: respond within ${RESPONSE_TIME.P2}.`,
    }),
    rule('NodeCPUHigh', {
      expr: `100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m]))) > ${node.cpuUsagePercent}`,
      for: node.saturationFor,
      labels: { severity: 'P3', system: 'infrastructure' },
      summary: 'CPU of {{ $labels.instance }} is saturated',
      description: `CPU use above ${node.cpuUsagePercent} % for ${node.saturationFor}. Incident level 3: respond within ${RESPONSE_TIME.P3}.`,
    }),
    rule('NodeMemoryHigh', {
      expr: `100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) > ${node.memoryUsagePercent}`,
      for: node.saturationFor,
      labels: { severity: 'P3', system: 'infrastructure' },
      summary: 'Memory of {{ $labels.instance }} is nearly exhausted',
      description: `Memory use above ${node.memoryUsagePercent} % for ${node.saturationFor}. Incident level 3: respond within ${RESPONSE_TIME.P3}.`,
    }),
  ];

  const backup = alerts.backup;
  const backupCronJobs = (kinds: string): string =>
    `max by (namespace, cronjob, ${KSM_BACKUP_LABEL}, ${KSM_DATA_STORE_LABEL}) (kube_cronjob_labels{${KSM_BACKUP_LABEL}=~"${kinds}"})`;
  // Job metrics disappear when Jobs are garbage-collected, so freshness is judged from the CronJob's
  // last success; a CronJob that never succeeded counts from its creation.
  const staleness = (kinds: string, maxAge: string): string => {
    const limit = durationSeconds(maxAge);
    return (
      `((time() - max by (namespace, cronjob) (kube_cronjob_status_last_successful_time)) > ${limit}` +
      ` or ((time() - max by (namespace, cronjob) (kube_cronjob_created)) > ${limit} unless on (namespace, cronjob) kube_cronjob_status_last_successful_time))` +
      ` * on (namespace, cronjob) group_left (${KSM_BACKUP_LABEL}, ${KSM_DATA_STORE_LABEL}) ${backupCronJobs(kinds)}`
    );
  };
  const byCadence = new Map<string, string[]>();
  for (const [kind, cadence] of Object.entries(backup.cadence)) byCadence.set(cadence, [...(byCadence.get(cadence) ?? []), kind]);
  const backups: AlertRule[] = [
    rule('BackupJobFailed', {
      expr:
        `(max by (namespace, job_name) (kube_job_status_failed) > 0)` +
        ` * on (namespace, job_name) group_left (cronjob) max by (namespace, job_name, cronjob) (label_replace(kube_job_owner{owner_kind="CronJob"}, "cronjob", "$1", "owner_name", "(.+)"))` +
        ` * on (namespace, cronjob) group_left (${KSM_BACKUP_LABEL}, ${KSM_DATA_STORE_LABEL}) ${backupCronJobs('.+')}`,
      labels: { severity: 'P2', system: `{{ $labels.${KSM_DATA_STORE_LABEL} }}` },
      summary: 'Backup job {{ $labels.namespace }}/{{ $labels.job_name }} failed',
      description: `A Job of the {{ $labels.${KSM_BACKUP_LABEL} }} backup CronJob {{ $labels.cronjob }} (data store {{ $labels.${KSM_DATA_STORE_LABEL} }}) failed. Incident level 2: respond within ${RESPONSE_TIME.P2}.`,
    }),
    ...[...byCadence].map(([cadence, kinds]) => {
      const maxAge = backup.maxAge[cadence as keyof typeof backup.maxAge];
      return {
        ...rule('BackupMissed', {
          expr: staleness(kinds.sort().join('|'), maxAge),
          labels: { severity: 'P2', system: `{{ $labels.${KSM_DATA_STORE_LABEL} }}`, cadence },
          summary: 'Backup {{ $labels.namespace }}/{{ $labels.cronjob }} has not succeeded in time',
          description: `The ${cadence} {{ $labels.${KSM_BACKUP_LABEL} }} backup of {{ $labels.${KSM_DATA_STORE_LABEL} }} last succeeded {{ $value | humanizeDuration }} ago (allowed: ${maxAge}). Incident level 2: respond within ${RESPONSE_TIME.P2}.`,
        }),
      };
    }),
    rule('RestoreDrillOverdue', {
      expr: staleness('restore-drill', backup.restoreDrillMaxAge),
      labels: { severity: 'P3', system: `{{ $labels.${KSM_DATA_STORE_LABEL} }}` },
      summary: 'Restore drill of {{ $labels.' + KSM_DATA_STORE_LABEL + ' }} is overdue',
      description: `The restore drill {{ $labels.namespace }}/{{ $labels.cronjob }} has not succeeded for {{ $value | humanizeDuration }} (allowed: ${backup.restoreDrillMaxAge}). Incident level 3: respond within ${RESPONSE_TIME.P3}.`,
    }),
  ];

  const intrusion = alerts.intrusion;
  const critical = `${intrusion.metric}{${intrusion.priorityLabel}=~"${intrusion.priorityRegex}"}`;
  const security: AlertRule[] = [
    rule('IntrusionDetected', {
      // A counter that appears with its first match has no earlier sample for increase(): count it too
      // (only when above 0, so a restarted Falco that publishes zeroed counters does not page).
      expr: `sum by (rule_name) (increase(${critical}[5m])) > 0 or sum by (rule_name) ((${critical} > 0) unless ${critical} offset 5m)`,
      labels: { severity: 'P1', system: 'security' },
      summary: 'Intrusion detection reports a critical event: {{ $labels.rule_name }}',
      description: `Falco matched the critical rule "{{ $labels.rule_name }}" in the last 5 minutes. Incident level 1: respond within ${RESPONSE_TIME.P1}; follow the security incident procedure.`,
    }),
  ];

  const metrics = machineRoom.metrics;
  const room: AlertRule[] = [
    rule('UPSOnBattery', {
      expr: `${metrics.upsOutputStatus} == ${metrics.upsOnBatteryValue}`,
      for: '1m',
      labels: { severity: 'P1', system: 'machine-room' },
      summary: 'UPS {{ $labels.instance }} runs on battery',
      description: `The machine-room UPS reports output on battery (mains power lost). Incident level 1: respond within ${RESPONSE_TIME.P1}.`,
    }),
    rule('UPSBatteryLow', {
      expr: `${metrics.upsBatteryCapacity} < ${metrics.upsBatteryLowPercent}`,
      for: '1m',
      labels: { severity: 'P1', system: 'machine-room' },
      summary: 'UPS {{ $labels.instance }} battery at {{ $value }}%',
      description: `The UPS battery capacity is below ${metrics.upsBatteryLowPercent} %: prepare an orderly shutdown. Incident level 1: respond within ${RESPONSE_TIME.P1}.`,
    }),
    rule('MachineRoomTemperatureOutOfRange', {
      expr: `abs(${metrics.temperature} - ${metrics.temperatureCelsius}) > ${metrics.temperatureToleranceCelsius}`,
      for: metrics.temperatureFor,
      labels: { severity: 'P2', system: 'machine-room' },
      summary: 'Machine-room temperature out of range at {{ $labels.instance }}',
      description: `The temperature is outside ${metrics.temperatureCelsius} ± ${metrics.temperatureToleranceCelsius} °C for ${metrics.temperatureFor} (precision air conditioning). Incident level 2: respond within ${RESPONSE_TIME.P2}.`,
    }),
  ];

  return [
    { name: 'hospital-availability', rules: availability },
    { name: 'hospital-response-times', rules: responseTimes },
    { name: 'hospital-nodes', rules: nodes },
    { name: 'hospital-backups', rules: backups },
    { name: 'hospital-security', rules: security },
    { name: 'hospital-machine-room', rules: room },
  ];
}
