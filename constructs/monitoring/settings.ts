/**
 * What the Monitoring construct can be told, and the operations plan's value for everything left out.
 * The construct knows nothing of environment files: stacks/capabilities/monitoring.ts maps an
 * environment's `monitoring:` section onto these props, and another hospital can pass its own.
 *
 * The defaults equal those of the environment schema (environments/schema/monitoring.ts), so a
 * section that states nothing and a construct given nothing write the same objects;
 * test/constructs/monitoring/settings.test.ts holds the two to each other.
 */

/** Credentials read at send time from a key of a Secret mounted into Alertmanager (never inline). */
export type EndpointCredentials =
  | { readonly secret: string; readonly key: string; readonly scheme: string }
  | { readonly secret: string; readonly username: string; readonly passwordKey: string };

/** An endpoint Alertmanager posts to: a plain URL (no credentials in it). */
export interface AlertEndpoint {
  readonly url: string;
  readonly credentials?: EndpointCredentials;
}

export type IncidentLevelKey = 'P1' | 'P2' | 'P3';

/** How long Alertmanager waits before the first notification of a group, and between repeats. */
export interface NotificationTiming {
  readonly groupWait: string;
  readonly repeatInterval: string;
}

export interface AlertmanagerSettings {
  readonly replicas: number;
  /** Pager / phone gateway: level-1 incidents (core system down). */
  readonly pager: AlertEndpoint;
  /** Ticket system: every incident level. */
  readonly ticket: AlertEndpoint;
  /** Operations chat: levels 1 and 2. */
  readonly chat: AlertEndpoint;
  /** Dead man's switch: receives the always-firing Watchdog. */
  readonly deadMansSwitch: AlertEndpoint;
  readonly timing: Readonly<Record<IncidentLevelKey, NotificationTiming>>;
}

/** A latency objective on a histogram (`<metric>_bucket`): its p95 must stay at or below the threshold. */
export interface LatencyObjective {
  readonly metric: string;
  /** Label matchers of the histogram's series (`{ service: 'lis' }`). */
  readonly matchers: Readonly<Record<string, string>>;
  readonly thresholdSeconds: number;
  /** The `system` label the alert carries (routing and inhibition). */
  readonly system: string;
}

export type BackupCadenceKind = 'incremental' | 'full' | 'archive' | 'offsite-copy';
export type BackupCadence = 'daily' | 'weekly' | 'monthly';

/** Names, metric names and thresholds of the alert rules (Prometheus durations such as `5m`). */
export interface AlertSettings {
  /** Each alert links `<base>/<alert-name-in-kebab-case>`. */
  readonly runbookBaseUrl: string;
  readonly coreSystemDownFor: string;
  readonly registration: {
    /** Deployment name of the registration service. */
    readonly deployment: string;
    readonly minAvailableReplicas: number;
    readonly capacityFor: string;
    readonly latency: LatencyObjective;
  };
  readonly labResultLatency: LatencyObjective;
  readonly latencyFor: string;
  readonly node: {
    readonly diskUsagePercent: number;
    readonly diskFor: string;
    readonly diskFillLookback: string;
    readonly cpuUsagePercent: number;
    readonly memoryUsagePercent: number;
    readonly saturationFor: string;
  };
  readonly backup: {
    /** How often each backup kind runs; iteration order decides the order of the BackupMissed rules. */
    readonly cadence: Readonly<Partial<Record<BackupCadenceKind, BackupCadence>>>;
    /** Allowed age of the last success per cadence. */
    readonly maxAge: Readonly<Record<BackupCadence, string>>;
    readonly restoreDrillMaxAge: string;
  };
  readonly intrusion: {
    /** Falco's rule-match counter. */
    readonly metric: string;
    readonly priorityLabel: string;
    readonly priorityRegex: string;
  };
}

/** A UPS or air-conditioning controller the SNMP exporter polls. */
export interface SnmpTarget {
  readonly name: string;
  readonly address: string;
  /** A module of the exporter's stock snmp.yml. */
  readonly module: string;
  /** An auth of the exporter's snmp.yml. */
  readonly auth: string;
}

export interface MachineRoomSettings {
  /** None: no SNMP exporter is installed. */
  readonly snmpTargets: readonly SnmpTarget[];
  readonly scrapeInterval: string;
  readonly metrics: {
    readonly upsOutputStatus: string;
    readonly upsOnBatteryValue: number;
    readonly upsBatteryCapacity: string;
    readonly upsBatteryLowPercent: number;
    readonly temperature: string;
    readonly temperatureCelsius: number;
    readonly temperatureToleranceCelsius: number;
    readonly temperatureFor: string;
  };
}

export interface LogSettings {
  readonly storageSize: string;
  /** Every stream no other entry covers. */
  readonly applicationRetentionDays: number;
  /** LogQL stream selectors with their own retention, highest priority first. */
  readonly streams: readonly { readonly selector: string; readonly retentionDays: number }[];
}

/** Everything the construct reads, every field present (what `resolveMonitoringSettings` returns). */
export interface MonitoringSettings {
  readonly namespace: string;
  /** Storage class of every monitoring volume (an encrypted one). */
  readonly storageClass: string;
  readonly prometheus: { readonly retention: string; readonly retentionSize?: string; readonly storageSize: string; readonly replicas: number };
  readonly grafana: { /** Existing Secret with keys `admin-user` and `admin-password`. */ readonly adminSecret: string };
  readonly alertmanager: AlertmanagerSettings;
  readonly alerts: AlertSettings;
  readonly machineRoom: MachineRoomSettings;
  readonly logs: LogSettings;
}

type Optional<T> = { readonly [K in keyof T]?: T[K] };

/**
 * What a caller must say (the Alertmanager endpoints, which no default can know) and may say; each
 * section left out, or each field of it, takes the operations plan's value (MONITORING_DEFAULTS).
 * Records and lists (matchers, cadences, targets, streams) replace the default as a whole.
 */
export interface MonitoringSettingsProps {
  readonly namespace?: string;
  readonly storageClass?: string;
  readonly prometheus?: Optional<MonitoringSettings['prometheus']>;
  readonly grafana?: Optional<MonitoringSettings['grafana']>;
  readonly alertmanager: Optional<Omit<AlertmanagerSettings, 'timing'>> &
    Pick<AlertmanagerSettings, 'pager' | 'ticket' | 'chat' | 'deadMansSwitch'> & {
      readonly timing?: { readonly [L in IncidentLevelKey]?: Optional<NotificationTiming> };
    };
  readonly alerts?: Optional<Omit<AlertSettings, 'registration' | 'node' | 'backup' | 'intrusion'>> & {
    readonly registration?: Optional<AlertSettings['registration']>;
    readonly node?: Optional<AlertSettings['node']>;
    readonly backup?: Optional<Omit<AlertSettings['backup'], 'maxAge'>> & { readonly maxAge?: Optional<AlertSettings['backup']['maxAge']> };
    readonly intrusion?: Optional<AlertSettings['intrusion']>;
  };
  readonly machineRoom?: Optional<Omit<MachineRoomSettings, 'metrics'>> & { readonly metrics?: Optional<MachineRoomSettings['metrics']> };
  readonly logs?: Optional<LogSettings>;
}

/** The operations plan's values (the same as the environment schema's defaults). */
export const MONITORING_DEFAULTS: Omit<MonitoringSettings, 'alertmanager'> & {
  readonly alertmanager: Omit<AlertmanagerSettings, 'pager' | 'ticket' | 'chat' | 'deadMansSwitch'>;
} = {
  namespace: 'monitoring',
  storageClass: 'medical-encrypted',
  prometheus: { retention: '30d', storageSize: '100Gi', replicas: 1 },
  grafana: { adminSecret: 'grafana-admin' },
  alertmanager: {
    replicas: 1,
    timing: {
      P1: { groupWait: '10s', repeatInterval: '15m' },
      P2: { groupWait: '30s', repeatInterval: '1h' },
      P3: { groupWait: '30s', repeatInterval: '2h' },
    },
  },
  alerts: {
    runbookBaseUrl: 'https://runbooks.hospital.internal/alerts',
    coreSystemDownFor: '2m',
    registration: {
      deployment: 'registration',
      minAvailableReplicas: 5,
      capacityFor: '5m',
      latency: { metric: 'http_request_duration_seconds', matchers: { service: 'registration' }, thresholdSeconds: 1, system: 'registration' },
    },
    labResultLatency: {
      metric: 'http_request_duration_seconds',
      matchers: { service: 'lis', handler: '/api/lab-results' },
      thresholdSeconds: 0.5,
      system: 'lis',
    },
    latencyFor: '5m',
    node: { diskUsagePercent: 80, diskFor: '5m', diskFillLookback: '6h', cpuUsagePercent: 90, memoryUsagePercent: 90, saturationFor: '15m' },
    backup: {
      cadence: { incremental: 'daily', 'offsite-copy': 'daily', full: 'weekly', archive: 'monthly' },
      maxAge: { daily: '26h', weekly: '8d', monthly: '32d' },
      restoreDrillMaxAge: '35d',
    },
    intrusion: {
      metric: 'falcosecurity_falco_rules_matches_total',
      priorityLabel: 'priority',
      priorityRegex: '0|1|2|[Ee]mergency|EMERGENCY|[Aa]lert|ALERT|[Cc]ritical|CRITICAL',
    },
  },
  machineRoom: {
    snmpTargets: [],
    scrapeInterval: '60s',
    metrics: {
      upsOutputStatus: 'upsBasicOutputStatus',
      upsOnBatteryValue: 3,
      upsBatteryCapacity: 'upsAdvBatteryCapacity',
      upsBatteryLowPercent: 50,
      temperature: 'iemStatusProbeCurrentTemp',
      temperatureCelsius: 22,
      temperatureToleranceCelsius: 2,
      temperatureFor: '10m',
    },
  },
  logs: {
    storageSize: '500Gi',
    applicationRetentionDays: 180,
    streams: [
      { selector: '{log_type="operation"}', retentionDays: 3653 },
      { selector: '{log_type="audit"}', retentionDays: 3653 },
    ],
  },
};

/**
 * `defaults` with every field `given` states (an `undefined` field keeps the default). Nested sections
 * are resolved by the caller afterwards, which is why `given` is typed loosely here.
 */
function withDefaults<T extends object>(defaults: T, given: object | undefined): T {
  const result: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [key, value] of Object.entries(given ?? {})) if (value !== undefined) result[key] = value;
  return result as unknown as T;
}

/** The props with the operations plan's value for everything they leave out. */
export function resolveMonitoringSettings(props: MonitoringSettingsProps): MonitoringSettings {
  const defaults = MONITORING_DEFAULTS;
  const alerts = props.alerts ?? {};
  const backup = alerts.backup ?? {};
  const timing = props.alertmanager.timing ?? {};
  return {
    namespace: props.namespace ?? defaults.namespace,
    storageClass: props.storageClass ?? defaults.storageClass,
    prometheus: withDefaults(defaults.prometheus, props.prometheus),
    grafana: withDefaults(defaults.grafana, props.grafana),
    alertmanager: {
      ...withDefaults(defaults.alertmanager, props.alertmanager),
      pager: props.alertmanager.pager,
      ticket: props.alertmanager.ticket,
      chat: props.alertmanager.chat,
      deadMansSwitch: props.alertmanager.deadMansSwitch,
      timing: {
        P1: withDefaults(defaults.alertmanager.timing.P1, timing.P1),
        P2: withDefaults(defaults.alertmanager.timing.P2, timing.P2),
        P3: withDefaults(defaults.alertmanager.timing.P3, timing.P3),
      },
    },
    alerts: {
      ...withDefaults(defaults.alerts, alerts),
      registration: withDefaults(defaults.alerts.registration, alerts.registration),
      node: withDefaults(defaults.alerts.node, alerts.node),
      backup: { ...withDefaults(defaults.alerts.backup, backup), maxAge: withDefaults(defaults.alerts.backup.maxAge, backup.maxAge) },
      intrusion: withDefaults(defaults.alerts.intrusion, alerts.intrusion),
    },
    machineRoom: { ...withDefaults(defaults.machineRoom, props.machineRoom), metrics: withDefaults(defaults.machineRoom.metrics, props.machineRoom?.metrics) },
    logs: withDefaults(defaults.logs, props.logs),
  };
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

/** Seconds of a Prometheus duration (`1h30m` → 5400). */
export function durationSeconds(duration: string): number {
  let total = 0;
  for (const [, amount, unit] of duration.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) total += Number(amount) * UNIT_SECONDS[unit!]!;
  return total;
}
