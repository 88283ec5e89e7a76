import { z } from 'zod';
import { count, dnsLabel } from './primitives';

/** Prometheus durations (`30s`, `5m`, `26h`, `8d`, `1w`). */
export const promDuration = z.string().regex(/^(\d+(ms|s|m|h|d|w|y))+$/, 'expected a Prometheus duration such as "5m", "26h" or "8d"');

/** Label matchers of a PromQL selector, as a map (`{ service: registration }` → `service="registration"`). */
const matchers = z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'expected a Prometheus label name'), z.string());

const percent = z.number().gt(0).max(100);

/**
 * An endpoint Alertmanager posts to: a plain URL (no credentials in it) and, optionally, credentials
 * read at send time from a key of a Secret mounted into Alertmanager (`/etc/alertmanager/secrets/…`).
 */
const endpointSchema = z
  .strictObject({
    url: z.url({ protocol: /^https?$/ }),
    credentials: z
      .union([
        z.strictObject({ secret: dnsLabel, key: z.string().min(1), scheme: z.string().default('Bearer') }),
        z.strictObject({ secret: dnsLabel, username: z.string().min(1), passwordKey: z.string().min(1) }),
      ])
      .optional(),
  })
  .superRefine((endpoint, ctx) => {
    const url = new URL(endpoint.url);
    if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'expected a URL without user:password (use credentials.secret), got credentials in the URL' });
    }
    for (const name of url.searchParams.keys()) {
      if (/token|key|secret|password|sig/i.test(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['url'],
          message: `expected no credential in the query string (use credentials.secret), got parameter "${name}"`,
        });
      }
    }
  });
export type AlertEndpoint = z.infer<typeof endpointSchema>;

const latencySchema = z.strictObject({
  /** Histogram base name; `_bucket` is appended. */
  metric: z.string().default('http_request_duration_seconds'),
  matchers,
  /** The p95 must stay at or below this many seconds. */
  thresholdSeconds: z.number().positive(),
  /** The system label the alert carries (for routing and inhibition). */
  system: dnsLabel,
});

const snmpTargetSchema = z.strictObject({
  /** Shown as the `instance` of the scraped series, e.g. `ups-b1`. */
  name: dnsLabel,
  /** Host name or IP address (optionally `:port`) the exporter polls. */
  address: z.string().regex(/^[A-Za-z0-9.:[\]-]+$/, 'expected a host name or IP address'),
  /** A module of the exporter's stock snmp.yml (`apcups`, `if_mib`, …). */
  module: z
    .string()
    .regex(/^[a-z0-9_]+$/)
    .default('apcups'),
  /** An auth of the exporter's snmp.yml. */
  auth: z
    .string()
    .regex(/^[a-z0-9_]+$/)
    .default('public_v2'),
});

const logStreamSchema = z.strictObject({
  /** LogQL stream selector, e.g. `{log_type="operation"}`. */
  selector: z.string().regex(/^\{.+\}$/, 'expected a LogQL stream selector such as {log_type="audit"}'),
  retentionDays: count.positive(),
});

const DAY = 'd';

/**
 * Monitoring, alerting, dashboards and logs (`monitoring:`). Every metric name, label value and
 * threshold an alert uses is here with the operations plan's default, so a hospital whose
 * applications export other names adapts the file, not the code.
 */
export const monitoringSchema = z
  .strictObject({
    namespace: dnsLabel.default('monitoring'),
    /** Storage class of every monitoring volume; an encrypted class (declared by the security capability). */
    storageClass: dnsLabel.default('medical-encrypted'),
    prometheus: z
      .strictObject({
        retention: promDuration.default('30d'),
        retentionSize: z
          .string()
          .regex(/^\d+(B|KB|MB|GB|TB|PB|EB|KiB|MiB|GiB|TiB)$/)
          .optional(),
        storageSize: z
          .string()
          .regex(/^\d+(Mi|Gi|Ti)$/)
          .default('100Gi'),
        replicas: count.positive().default(1),
      })
      .prefault({}),
    grafana: z
      .strictObject({
        /** Existing Secret with keys `admin-user` and `admin-password` (never in this repository). */
        adminSecret: dnsLabel.default('grafana-admin'),
      })
      .prefault({}),
    alertmanager: z.strictObject({
      replicas: count.positive().default(1),
      /** Pager / phone gateway: level-1 incidents (core system down). */
      pager: endpointSchema,
      /** Ticket system: every incident level. */
      ticket: endpointSchema,
      /** Operations chat: levels 1 and 2. */
      chat: endpointSchema,
      /** Dead man's switch: receives the always-firing Watchdog; pages when it stops arriving. */
      deadMansSwitch: endpointSchema,
      /** Per incident level: how long to wait before the first notification and between repeats. */
      timing: z
        .strictObject({
          P1: z.strictObject({ groupWait: promDuration.default('10s'), repeatInterval: promDuration.default('15m') }).prefault({}),
          P2: z.strictObject({ groupWait: promDuration.default('30s'), repeatInterval: promDuration.default('1h') }).prefault({}),
          P3: z.strictObject({ groupWait: promDuration.default('30s'), repeatInterval: promDuration.default('2h') }).prefault({}),
        })
        .prefault({}),
    }),
    alerts: z
      .strictObject({
        /** Base URL of the runbooks; each alert links `<base>/<alert-name-in-kebab-case>`. */
        runbookBaseUrl: z.url().default('https://runbooks.hospital.internal/alerts'),
        coreSystemDownFor: promDuration.default('2m'),
        registration: z
          .strictObject({
            /** Deployment name of the registration service (kube-state-metrics `deployment` label). */
            deployment: dnsLabel.default('registration'),
            minAvailableReplicas: count.positive().default(5),
            capacityFor: promDuration.default('5m'),
            latency: latencySchema.default({
              metric: 'http_request_duration_seconds',
              matchers: { service: 'registration' },
              thresholdSeconds: 1,
              system: 'registration',
            }),
          })
          .prefault({}),
        labResultLatency: latencySchema.default({
          metric: 'http_request_duration_seconds',
          matchers: { service: 'lis', handler: '/api/lab-results' },
          thresholdSeconds: 0.5,
          system: 'lis',
        }),
        latencyFor: promDuration.default('5m'),
        node: z
          .strictObject({
            diskUsagePercent: percent.default(80),
            diskFor: promDuration.default('5m'),
            /** Linear prediction horizon of NodeDiskWillFillIn24h, over this lookback. */
            diskFillLookback: promDuration.default('6h'),
            cpuUsagePercent: percent.default(90),
            memoryUsagePercent: percent.default(90),
            saturationFor: promDuration.default('15m'),
          })
          .prefault({}),
        backup: z
          .strictObject({
            /** How often each backup kind (CronJob label `platform.hospital/backup`) runs. */
            cadence: z
              .record(z.enum(['incremental', 'full', 'archive', 'offsite-copy']), z.enum(['daily', 'weekly', 'monthly']))
              .default({ incremental: 'daily', 'offsite-copy': 'daily', full: 'weekly', archive: 'monthly' }),
            /** Allowed age of the last success per cadence (a day plus slack, a week plus a day, …). */
            maxAge: z
              .strictObject({ daily: promDuration.default('26h'), weekly: promDuration.default('8d'), monthly: promDuration.default('32d') })
              .prefault({}),
            restoreDrillMaxAge: promDuration.default('35d'),
          })
          .prefault({}),
        intrusion: z
          .strictObject({
            /** Falco's rule-match counter (Prometheus metrics of Falco ≥ 0.38). */
            metric: z.string().default('falcosecurity_falco_rules_matches_total'),
            priorityLabel: z.string().default('priority'),
            /** Critical and worse, numeric (0–2) or by name, as Falco versions label them. */
            priorityRegex: z.string().default('0|1|2|[Ee]mergency|EMERGENCY|[Aa]lert|ALERT|[Cc]ritical|CRITICAL'),
          })
          .prefault({}),
      })
      .prefault({}),
    machineRoom: z
      .strictObject({
        /** UPS and precision air-conditioning controllers the SNMP exporter polls. */
        snmpTargets: z.array(snmpTargetSchema).default([]),
        scrapeInterval: promDuration.default('60s'),
        metrics: z
          .strictObject({
            /** APC PowerNet-MIB `upsBasicOutputStatus`; 3 = onBattery. */
            upsOutputStatus: z.string().default('upsBasicOutputStatus'),
            upsOnBatteryValue: z.number().int().default(3),
            /** APC PowerNet-MIB `upsAdvBatteryCapacity` (percent). */
            upsBatteryCapacity: z.string().default('upsAdvBatteryCapacity'),
            upsBatteryLowPercent: percent.default(50),
            /** APC environmental probe temperature (°C). */
            temperature: z.string().default('iemStatusProbeCurrentTemp'),
            temperatureCelsius: z.number().default(22),
            temperatureToleranceCelsius: z.number().positive().default(2),
            temperatureFor: promDuration.default('10m'),
          })
          .prefault({}),
      })
      .prefault({}),
    logs: z
      .strictObject({
        storageSize: z
          .string()
          .regex(/^\d+(Mi|Gi|Ti)$/)
          .default('500Gi'),
        /** Application logs (every stream no other rule covers): the Cybersecurity Law floor is six months. */
        applicationRetentionDays: count.positive().default(180),
        /** Operation and audit logs: the operations plan keeps them ten years (3653 days with leap days). */
        streams: z
          .array(logStreamSchema)
          .min(1)
          .default([
            { selector: '{log_type="operation"}', retentionDays: 3653 },
            { selector: '{log_type="audit"}', retentionDays: 3653 },
          ]),
      })
      .prefault({}),
  })
  .superRefine((monitoring, ctx) => {
    const limits = { P1: ['30s', '15m'], P2: ['30s', '1h'], P3: ['30s', '2h'] } as const;
    for (const level of ['P1', 'P2', 'P3'] as const) {
      const timing = monitoring.alertmanager.timing[level];
      const [maxWait, maxRepeat] = limits[level];
      if (durationSeconds(timing.groupWait) > durationSeconds(maxWait)) {
        ctx.addIssue({ code: 'custom', path: ['alertmanager', 'timing', level, 'groupWait'], message: `expected at most ${maxWait}, got ${timing.groupWait}` });
      }
      if (durationSeconds(timing.repeatInterval) > durationSeconds(maxRepeat)) {
        ctx.addIssue({
          code: 'custom',
          path: ['alertmanager', 'timing', level, 'repeatInterval'],
          message: `expected at most ${maxRepeat} (incident level ${level[1]} response time), got ${timing.repeatInterval}`,
        });
      }
    }
    if (monitoring.logs.applicationRetentionDays < 180) {
      ctx.addIssue({
        code: 'custom',
        path: ['logs', 'applicationRetentionDays'],
        message: `expected at least 180 (six months, Cybersecurity Law), got ${monitoring.logs.applicationRetentionDays}`,
      });
    }
    monitoring.logs.streams.forEach((stream, index) => {
      if (stream.retentionDays < monitoring.logs.applicationRetentionDays) {
        ctx.addIssue({
          code: 'custom',
          path: ['logs', 'streams', index, 'retentionDays'],
          message: `expected at least applicationRetentionDays (${monitoring.logs.applicationRetentionDays}), got ${stream.retentionDays}`,
        });
      }
    });
    const names = new Set<string>();
    monitoring.machineRoom.snmpTargets.forEach((target, index) => {
      if (names.has(target.name))
        ctx.addIssue({
          code: 'custom',
          path: ['machineRoom', 'snmpTargets', index, 'name'],
          message: `expected a unique target name, got "${target.name}" twice`,
        });
      names.add(target.name);
    });
  });
export type MonitoringConfig = z.infer<typeof monitoringSchema>;
export type AlertsConfig = MonitoringConfig['alerts'];

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, [DAY]: 86400, w: 604800, y: 31536000 };

/** Seconds of a Prometheus duration (`1h30m` → 5400). */
export function durationSeconds(duration: string): number {
  let total = 0;
  for (const [, amount, unit] of duration.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) total += Number(amount) * UNIT_SECONDS[unit!]!;
  return total;
}
