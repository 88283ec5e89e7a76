/**
 * The alert rules every environment ships, checked and unit-tested with the real promtool (2.42:
 * explicit `interval:` per test group, no fuzzy_compare). Every alert of the operations plan has a
 * firing and a not-firing case.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify, parse } from 'yaml';
import { StackArtifacts } from '../../../constructs/artifacts';
import type { AlertRule, RuleGroup } from '../../../constructs/monitoring';
import { durationSeconds } from '../../../environments/schema/monitoring';
import { shippedEnvironment, synthEnvironment } from '../../support/synth';
import { requireTool, run } from './tools';
import { tempDir } from '../../support/temp-dir';

const ENVIRONMENTS = ['dev', 'staging', 'prod', 'dr'] as const;

const artifactCache = new Map<string, string>();
function rulesArtifact(environment: string): string {
  const cached = artifactCache.get(environment);
  if (cached) return cached;
  const { stack } = synthEnvironment(shippedEnvironment(environment));
  const text = StackArtifacts.of(stack).entries().get('prometheus-rules.yaml');
  if (!text) throw new Error(`${environment}: no prometheus-rules.yaml artifact`);
  artifactCache.set(environment, text);
  return text;
}

type Labels = Record<string, string>;
interface ValueText {
  readonly raw?: string;
  readonly humanize?: string;
  readonly duration?: string;
}
interface Expectation {
  readonly labels: Labels;
  readonly value?: ValueText;
}
interface AlertCase {
  readonly alert: string;
  readonly name: string;
  readonly interval: string;
  readonly series: readonly { readonly series: string; readonly values: string }[];
  readonly evalTime: string;
  readonly expected: readonly Expectation[];
}

/** Renders the few template forms our annotations use, so expectations follow the rule text. */
function render(template: string, labels: Labels, value: ValueText | undefined, where: string): string {
  return template.replace(
    /\{\{\s*\$(labels\.(\w+)|value)\s*(\|\s*(\w+)\s*)?\}\}/g,
    (_match, _all, label: string | undefined, _pipe, fn: string | undefined) => {
      if (label) return labels[label] ?? '';
      const text = fn === 'humanize' ? value?.humanize : fn === 'humanizeDuration' ? value?.duration : value?.raw;
      if (text === undefined) throw new Error(`${where}: the case gives no ${fn ?? 'raw'} text for $value`);
      return text;
    },
  );
}

const s = (labels: Labels, name: string): string =>
  `${name}{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',')}}`;

const EMR = { namespace: 'emr', deployment: 'emr' };
const REGISTRATION = { namespace: 'his', deployment: 'registration' };
const NODE_FS = { device: '/dev/sda1', fstype: 'ext4', instance: 'node-1', mountpoint: '/var' };
const BACKUP_LABELS = (cronjob: string, kind: string, store: string) => ({
  namespace: 'backup',
  cronjob,
  label_platform_hospital_backup: kind,
  label_platform_hospital_data_store: store,
});
const histogram = (matchers: Labels, buckets: Record<string, string>) =>
  Object.entries(buckets).map(([le, values]) => ({ series: s({ ...matchers, le }, 'http_request_duration_seconds_bucket'), values }));

const CASES: readonly AlertCase[] = [
  // CoreSystemDown
  {
    alert: 'CoreSystemDown',
    name: 'EMR without available replica for 2 minutes',
    interval: '1m',
    evalTime: '10m',
    series: [{ series: s(EMR, 'kube_deployment_status_replicas_available'), values: '3 3 0x20' }],
    expected: [{ labels: { ...EMR, severity: 'P1', system: 'emr' } }],
  },
  {
    alert: 'CoreSystemDown',
    name: 'core systems up, a non-core system (PACS) down, EMR down only 1 minute',
    interval: '1m',
    evalTime: '10m',
    series: [
      { series: s(REGISTRATION, 'kube_deployment_status_replicas_available'), values: '5x20' },
      { series: s({ namespace: 'pacs', deployment: 'pacs' }, 'kube_deployment_status_replicas_available'), values: '0x20' },
      { series: s(EMR, 'kube_deployment_status_replicas_available'), values: '3x8 0 3x10' },
    ],
    expected: [],
  },
  // RegistrationCapacityLow
  {
    alert: 'RegistrationCapacityLow',
    name: 'four available replicas for 5 minutes',
    interval: '1m',
    evalTime: '10m',
    series: [{ series: s(REGISTRATION, 'kube_deployment_status_replicas_available'), values: '5 5 4x20' }],
    expected: [{ labels: { ...REGISTRATION, severity: 'P2', system: 'registration' }, value: { raw: '4' } }],
  },
  {
    alert: 'RegistrationCapacityLow',
    name: 'five available replicas',
    interval: '1m',
    evalTime: '10m',
    series: [{ series: s(REGISTRATION, 'kube_deployment_status_replicas_available'), values: '5x20' }],
    expected: [],
  },
  // RegistrationAtMaxCapacity
  {
    alert: 'RegistrationAtMaxCapacity',
    name: 'the HPA at its maximum of 10 for 5 minutes',
    interval: '1m',
    evalTime: '10m',
    series: [
      { series: s({ namespace: 'his', horizontalpodautoscaler: 'registration' }, 'kube_horizontalpodautoscaler_status_current_replicas'), values: '5 8 10x20' },
      { series: s({ namespace: 'his', horizontalpodautoscaler: 'registration' }, 'kube_horizontalpodautoscaler_spec_max_replicas'), values: '10x22' },
    ],
    expected: [{ labels: { namespace: 'his', horizontalpodautoscaler: 'registration', severity: 'P2', system: 'registration' }, value: { raw: '10' } }],
  },
  {
    alert: 'RegistrationAtMaxCapacity',
    name: 'nine of ten replicas',
    interval: '1m',
    evalTime: '10m',
    series: [
      { series: s({ namespace: 'his', horizontalpodautoscaler: 'registration' }, 'kube_horizontalpodautoscaler_status_current_replicas'), values: '9x20' },
      { series: s({ namespace: 'his', horizontalpodautoscaler: 'registration' }, 'kube_horizontalpodautoscaler_spec_max_replicas'), values: '10x20' },
    ],
    expected: [],
  },
  // RegistrationLatencyHigh
  {
    alert: 'RegistrationLatencyHigh',
    name: 'every request between 1 s and 2 s',
    interval: '1m',
    evalTime: '15m',
    series: histogram({ service: 'registration' }, { '0.5': '0x30', '1': '0x30', '2': '0+60x30', '+Inf': '0+60x30' }),
    expected: [{ labels: { severity: 'P2', system: 'registration' }, value: { duration: '1.95s' } }],
  },
  {
    alert: 'RegistrationLatencyHigh',
    name: 'every request under 0.5 s',
    interval: '1m',
    evalTime: '15m',
    series: histogram({ service: 'registration' }, { '0.5': '0+60x30', '1': '0+60x30', '2': '0+60x30', '+Inf': '0+60x30' }),
    expected: [],
  },
  // LabResultQueryLatencyHigh
  {
    alert: 'LabResultQueryLatencyHigh',
    name: 'lab-result queries between 0.5 s and 1 s',
    interval: '1m',
    evalTime: '15m',
    series: histogram({ service: 'lis', handler: '/api/lab-results' }, { '0.25': '0x30', '0.5': '0x30', '1': '0+60x30', '+Inf': '0+60x30' }),
    expected: [{ labels: { severity: 'P2', system: 'lis' }, value: { duration: '975ms' } }],
  },
  {
    alert: 'LabResultQueryLatencyHigh',
    name: 'lab-result queries under 0.25 s, other LIS handlers slow',
    interval: '1m',
    evalTime: '15m',
    series: [
      ...histogram({ service: 'lis', handler: '/api/lab-results' }, { '0.25': '0+60x30', '0.5': '0+60x30', '1': '0+60x30', '+Inf': '0+60x30' }),
      ...histogram({ service: 'lis', handler: '/api/reports' }, { '0.25': '0x30', '0.5': '0x30', '1': '0x30', '+Inf': '0+60x30' }),
    ],
    expected: [],
  },
  // NodeDiskUsageHigh
  {
    alert: 'NodeDiskUsageHigh',
    name: '85 % used for 5 minutes',
    interval: '1m',
    evalTime: '10m',
    series: [
      { series: s(NODE_FS, 'node_filesystem_avail_bytes'), values: '15x20' },
      { series: s(NODE_FS, 'node_filesystem_size_bytes'), values: '100x20' },
    ],
    expected: [{ labels: { ...NODE_FS, severity: 'P3', system: 'infrastructure' }, value: { humanize: '85' } }],
  },
  {
    alert: 'NodeDiskUsageHigh',
    name: '75 % used',
    interval: '1m',
    evalTime: '10m',
    series: [
      { series: s(NODE_FS, 'node_filesystem_avail_bytes'), values: '25x20' },
      { series: s(NODE_FS, 'node_filesystem_size_bytes'), values: '100x20' },
    ],
    expected: [],
  },
  // NodeDiskWillFillIn24h
  {
    alert: 'NodeDiskWillFillIn24h',
    name: 'losing 1 kB a minute with 1 MB left',
    interval: '1m',
    evalTime: '100m',
    series: [{ series: s(NODE_FS, 'node_filesystem_avail_bytes'), values: '1000000-1000x120' }],
    expected: [{ labels: { ...NODE_FS, severity: 'P2', system: 'infrastructure' } }],
  },
  {
    alert: 'NodeDiskWillFillIn24h',
    name: 'stable free space',
    interval: '1m',
    evalTime: '100m',
    series: [{ series: s(NODE_FS, 'node_filesystem_avail_bytes'), values: '1000000x120' }],
    expected: [],
  },
  // NodeCPUHigh
  {
    alert: 'NodeCPUHigh',
    name: '95 % busy for 15 minutes',
    interval: '1m',
    evalTime: '30m',
    series: [{ series: s({ instance: 'node-1', cpu: '0', mode: 'idle' }, 'node_cpu_seconds_total'), values: '0+3x60' }],
    expected: [{ labels: { instance: 'node-1', severity: 'P3', system: 'infrastructure' } }],
  },
  {
    alert: 'NodeCPUHigh',
    name: 'half idle',
    interval: '1m',
    evalTime: '30m',
    series: [{ series: s({ instance: 'node-1', cpu: '0', mode: 'idle' }, 'node_cpu_seconds_total'), values: '0+30x60' }],
    expected: [],
  },
  // NodeMemoryHigh
  {
    alert: 'NodeMemoryHigh',
    name: '95 % of memory used for 15 minutes',
    interval: '1m',
    evalTime: '30m',
    series: [
      { series: s({ instance: 'node-1' }, 'node_memory_MemAvailable_bytes'), values: '5x40' },
      { series: s({ instance: 'node-1' }, 'node_memory_MemTotal_bytes'), values: '100x40' },
    ],
    expected: [{ labels: { instance: 'node-1', severity: 'P3', system: 'infrastructure' } }],
  },
  {
    alert: 'NodeMemoryHigh',
    name: 'half of memory used',
    interval: '1m',
    evalTime: '30m',
    series: [
      { series: s({ instance: 'node-1' }, 'node_memory_MemAvailable_bytes'), values: '50x40' },
      { series: s({ instance: 'node-1' }, 'node_memory_MemTotal_bytes'), values: '100x40' },
    ],
    expected: [],
  },
  // BackupJobFailed
  {
    alert: 'BackupJobFailed',
    name: 'a Job of the EMR full backup failed',
    interval: '1m',
    evalTime: '5m',
    series: [
      { series: s({ namespace: 'backup', job_name: 'emr-db-full-29001', reason: 'BackoffLimitExceeded' }, 'kube_job_status_failed'), values: '0 1x10' },
      {
        series: s(
          { namespace: 'backup', job_name: 'emr-db-full-29001', owner_kind: 'CronJob', owner_name: 'emr-db-full', owner_is_controller: 'true' },
          'kube_job_owner',
        ),
        values: '1x10',
      },
      { series: s(BACKUP_LABELS('emr-db-full', 'full', 'emr-db'), 'kube_cronjob_labels'), values: '1x10' },
    ],
    expected: [{ labels: { ...BACKUP_LABELS('emr-db-full', 'full', 'emr-db'), job_name: 'emr-db-full-29001', severity: 'P2', system: 'emr-db' } }],
  },
  {
    alert: 'BackupJobFailed',
    name: 'backup Job succeeded, a non-backup Job failed',
    interval: '1m',
    evalTime: '5m',
    series: [
      { series: s({ namespace: 'backup', job_name: 'emr-db-full-29001', reason: 'BackoffLimitExceeded' }, 'kube_job_status_failed'), values: '0x10' },
      {
        series: s(
          { namespace: 'backup', job_name: 'emr-db-full-29001', owner_kind: 'CronJob', owner_name: 'emr-db-full', owner_is_controller: 'true' },
          'kube_job_owner',
        ),
        values: '1x10',
      },
      { series: s(BACKUP_LABELS('emr-db-full', 'full', 'emr-db'), 'kube_cronjob_labels'), values: '1x10' },
      { series: s({ namespace: 'his', job_name: 'report-1', reason: 'BackoffLimitExceeded' }, 'kube_job_status_failed'), values: '1x10' },
      {
        series: s({ namespace: 'his', job_name: 'report-1', owner_kind: 'CronJob', owner_name: 'report', owner_is_controller: 'true' }, 'kube_job_owner'),
        values: '1x10',
      },
      { series: s({ namespace: 'his', cronjob: 'report' }, 'kube_cronjob_labels'), values: '1x10' },
    ],
    expected: [],
  },
  // BackupMissed (daily: 26 h)
  {
    alert: 'BackupMissed',
    name: 'daily backups: one last succeeded 27 h ago, one never succeeded in 27 h',
    interval: '10m',
    evalTime: '27h',
    series: [
      { series: s({ namespace: 'backup', cronjob: 'emr-db-incremental' }, 'kube_cronjob_status_last_successful_time'), values: '0x200' },
      { series: s(BACKUP_LABELS('emr-db-incremental', 'incremental', 'emr-db'), 'kube_cronjob_labels'), values: '1x200' },
      { series: s({ namespace: 'backup', cronjob: 'lis-db-incremental' }, 'kube_cronjob_created'), values: '0x200' },
      { series: s(BACKUP_LABELS('lis-db-incremental', 'incremental', 'lis-db'), 'kube_cronjob_labels'), values: '1x200' },
    ],
    expected: [
      {
        labels: { ...BACKUP_LABELS('emr-db-incremental', 'incremental', 'emr-db'), cadence: 'daily', severity: 'P2', system: 'emr-db' },
        value: { duration: '1d 3h 0m 0s' },
      },
      {
        labels: { ...BACKUP_LABELS('lis-db-incremental', 'incremental', 'lis-db'), cadence: 'daily', severity: 'P2', system: 'lis-db' },
        value: { duration: '1d 3h 0m 0s' },
      },
    ],
  },
  {
    alert: 'BackupMissed',
    name: 'daily backup succeeded an hour ago, weekly full backup 27 h ago',
    interval: '10m',
    evalTime: '27h',
    series: [
      { series: s({ namespace: 'backup', cronjob: 'emr-db-incremental' }, 'kube_cronjob_status_last_successful_time'), values: '0x150 93600x50' },
      { series: s(BACKUP_LABELS('emr-db-incremental', 'incremental', 'emr-db'), 'kube_cronjob_labels'), values: '1x200' },
      { series: s({ namespace: 'backup', cronjob: 'emr-db-full' }, 'kube_cronjob_status_last_successful_time'), values: '0x200' },
      { series: s(BACKUP_LABELS('emr-db-full', 'full', 'emr-db'), 'kube_cronjob_labels'), values: '1x200' },
    ],
    expected: [],
  },
  // BackupMissed (weekly: 8 days)
  {
    alert: 'BackupMissed',
    name: 'weekly full backup last succeeded 8 days 2 hours ago',
    interval: '1h',
    evalTime: '194h',
    series: [
      { series: s({ namespace: 'backup', cronjob: 'emr-db-full' }, 'kube_cronjob_status_last_successful_time'), values: '0x200' },
      { series: s(BACKUP_LABELS('emr-db-full', 'full', 'emr-db'), 'kube_cronjob_labels'), values: '1x200' },
    ],
    expected: [
      {
        labels: { ...BACKUP_LABELS('emr-db-full', 'full', 'emr-db'), cadence: 'weekly', severity: 'P2', system: 'emr-db' },
        value: { duration: '8d 2h 0m 0s' },
      },
    ],
  },
  {
    alert: 'BackupMissed',
    name: 'weekly full backup last succeeded 7 days ago',
    interval: '1h',
    evalTime: '190h',
    series: [
      { series: s({ namespace: 'backup', cronjob: 'emr-db-full' }, 'kube_cronjob_status_last_successful_time'), values: '0x20 79200x200' },
      { series: s(BACKUP_LABELS('emr-db-full', 'full', 'emr-db'), 'kube_cronjob_labels'), values: '1x200' },
    ],
    expected: [],
  },
  // RestoreDrillOverdue (35 days)
  {
    alert: 'RestoreDrillOverdue',
    name: 'restore drill last succeeded 36 days ago',
    interval: '1d',
    evalTime: '36d',
    series: [
      { series: s({ namespace: 'backup', cronjob: 'emr-db-restore-drill' }, 'kube_cronjob_status_last_successful_time'), values: '0x40' },
      { series: s(BACKUP_LABELS('emr-db-restore-drill', 'restore-drill', 'emr-db'), 'kube_cronjob_labels'), values: '1x40' },
    ],
    expected: [
      {
        labels: { ...BACKUP_LABELS('emr-db-restore-drill', 'restore-drill', 'emr-db'), severity: 'P3', system: 'emr-db' },
        value: { duration: '36d 0h 0m 0s' },
      },
    ],
  },
  {
    alert: 'RestoreDrillOverdue',
    name: 'restore drill last succeeded 34 days ago',
    interval: '1d',
    evalTime: '34d',
    series: [
      { series: s({ namespace: 'backup', cronjob: 'emr-db-restore-drill' }, 'kube_cronjob_status_last_successful_time'), values: '0x40' },
      { series: s(BACKUP_LABELS('emr-db-restore-drill', 'restore-drill', 'emr-db'), 'kube_cronjob_labels'), values: '1x40' },
    ],
    expected: [],
  },
  // IntrusionDetected
  {
    alert: 'IntrusionDetected',
    name: 'a critical Falco rule matched, and a new critical series appeared',
    interval: '1m',
    evalTime: '4m',
    series: [
      {
        series: s({ priority: '2', rule_name: 'Terminal shell in container', source: 'syscall' }, 'falcosecurity_falco_rules_matches_total'),
        values: '0 0 0 1 1 1',
      },
      {
        series: s(
          { priority: 'Critical', rule_name: 'Drop and execute new binary in container', source: 'syscall' },
          'falcosecurity_falco_rules_matches_total',
        ),
        values: '_ _ _ 1 1 1',
      },
    ],
    expected: [
      { labels: { rule_name: 'Terminal shell in container', severity: 'P1', system: 'security' } },
      { labels: { rule_name: 'Drop and execute new binary in container', severity: 'P1', system: 'security' } },
    ],
  },
  {
    alert: 'IntrusionDetected',
    name: 'only warnings match; critical counters stay flat or restart at zero',
    interval: '1m',
    evalTime: '8m',
    series: [
      {
        series: s({ priority: '4', rule_name: 'Read sensitive file untrusted', source: 'syscall' }, 'falcosecurity_falco_rules_matches_total'),
        values: '0+1x10',
      },
      { series: s({ priority: '2', rule_name: 'Terminal shell in container', source: 'syscall' }, 'falcosecurity_falco_rules_matches_total'), values: '3x10' },
      {
        series: s({ priority: '1', rule_name: 'Netcat remote code execution', source: 'syscall' }, 'falcosecurity_falco_rules_matches_total'),
        values: '_x5 0x5',
      },
    ],
    expected: [],
  },
  // UPSOnBattery
  {
    alert: 'UPSOnBattery',
    name: 'output on battery for 2 minutes',
    interval: '1m',
    evalTime: '5m',
    series: [{ series: s({ instance: 'ups-b1-a', device: 'ups-b1-a' }, 'upsBasicOutputStatus'), values: '2 2 3x10' }],
    expected: [{ labels: { instance: 'ups-b1-a', device: 'ups-b1-a', severity: 'P1', system: 'machine-room' } }],
  },
  {
    alert: 'UPSOnBattery',
    name: 'output online',
    interval: '1m',
    evalTime: '5m',
    series: [{ series: s({ instance: 'ups-b1-a', device: 'ups-b1-a' }, 'upsBasicOutputStatus'), values: '2x10' }],
    expected: [],
  },
  // UPSBatteryLow
  {
    alert: 'UPSBatteryLow',
    name: 'battery at 40 %',
    interval: '1m',
    evalTime: '5m',
    series: [{ series: s({ instance: 'ups-b1-a', device: 'ups-b1-a' }, 'upsAdvBatteryCapacity'), values: '100 60 40x10' }],
    expected: [{ labels: { instance: 'ups-b1-a', device: 'ups-b1-a', severity: 'P1', system: 'machine-room' }, value: { raw: '40' } }],
  },
  {
    alert: 'UPSBatteryLow',
    name: 'battery full',
    interval: '1m',
    evalTime: '5m',
    series: [{ series: s({ instance: 'ups-b1-a', device: 'ups-b1-a' }, 'upsAdvBatteryCapacity'), values: '100x10' }],
    expected: [],
  },
  // MachineRoomTemperatureOutOfRange (22 ± 2 °C for 10 minutes)
  {
    alert: 'MachineRoomTemperatureOutOfRange',
    name: '27 °C and 19 °C for 15 minutes',
    interval: '1m',
    evalTime: '15m',
    series: [
      { series: s({ instance: 'env-probe-b1', device: 'env-probe-b1', iemStatusProbeIndex: '1' }, 'iemStatusProbeCurrentTemp'), values: '27x20' },
      { series: s({ instance: 'env-probe-b1', device: 'env-probe-b1', iemStatusProbeIndex: '2' }, 'iemStatusProbeCurrentTemp'), values: '19x20' },
    ],
    expected: [
      { labels: { instance: 'env-probe-b1', device: 'env-probe-b1', iemStatusProbeIndex: '1', severity: 'P2', system: 'machine-room' } },
      { labels: { instance: 'env-probe-b1', device: 'env-probe-b1', iemStatusProbeIndex: '2', severity: 'P2', system: 'machine-room' } },
    ],
  },
  {
    alert: 'MachineRoomTemperatureOutOfRange',
    name: '23.5 °C, and 27 °C for only 5 minutes',
    interval: '1m',
    evalTime: '15m',
    series: [
      { series: s({ instance: 'env-probe-b1', device: 'env-probe-b1', iemStatusProbeIndex: '1' }, 'iemStatusProbeCurrentTemp'), values: '23.5x20' },
      { series: s({ instance: 'env-probe-b1', device: 'env-probe-b1', iemStatusProbeIndex: '2' }, 'iemStatusProbeCurrentTemp'), values: '22x10 27x10' },
    ],
    expected: [],
  },
];

/** The promtool test file for `cases`, with expected annotations rendered from the shipped rules. */
function promtoolTests(rules: readonly AlertRule[], cases: readonly AlertCase[], evaluationInterval: string): string {
  const byName = new Map<string, AlertRule[]>();
  for (const rule of rules) byName.set(rule.alert, [...(byName.get(rule.alert) ?? []), rule]);
  return stringify(
    {
      rule_files: ['rules.yaml'],
      evaluation_interval: evaluationInterval,
      tests: cases.map((testCase) => {
        const candidates = byName.get(testCase.alert);
        if (!candidates) throw new Error(`no rule named ${testCase.alert}`);
        return {
          name: `${testCase.alert}: ${testCase.name}`,
          interval: testCase.interval,
          input_series: testCase.series,
          alert_rule_test: [
            {
              eval_time: testCase.evalTime,
              alertname: testCase.alert,
              exp_alerts: testCase.expected.map((expected) => {
                // BackupMissed has one rule per cadence: pick the one whose static labels match.
                const rule =
                  candidates.find((candidate) => Object.entries(candidate.labels).every(([k, v]) => v.includes('{{') || expected.labels[k] === v)) ??
                  candidates[0]!;
                const where = `${testCase.alert} / ${testCase.name}`;
                return {
                  exp_labels: expected.labels,
                  exp_annotations: Object.fromEntries(
                    Object.entries(rule.annotations).map(([key, template]) => [key, render(template, expected.labels, expected.value, where)]),
                  ),
                };
              }),
            },
          ],
        };
      }),
    },
    { lineWidth: 0 },
  );
}

// Each environment is synthesized once per file; on a loaded machine that alone can take a minute.
jest.setTimeout(240_000);

describe('alert rules with promtool', () => {
  const promtool = requireTool('promtool');
  const workDir = tempDir('promtool-');
  afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

  it.each(ENVIRONMENTS)('%s: promtool check rules accepts prometheus-rules.yaml', (environment) => {
    if (!promtool) return;
    const file = path.join(workDir, `${environment}-rules.yaml`);
    fs.writeFileSync(file, rulesArtifact(environment));
    const result = run(promtool, ['check', 'rules', file], workDir);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it('has a firing and a not-firing case for every alert the environments ship', () => {
    const alerts = new Set(
      ENVIRONMENTS.flatMap((environment) =>
        (parse(rulesArtifact(environment)) as { groups: RuleGroup[] }).groups.flatMap((group) => group.rules.map((rule) => rule.alert)),
      ),
    );
    for (const alert of alerts) {
      expect({ alert, firing: CASES.some((c) => c.alert === alert && c.expected.length > 0) }).toEqual({ alert, firing: true });
      expect({ alert, silent: CASES.some((c) => c.alert === alert && c.expected.length === 0) }).toEqual({ alert, silent: true });
    }
    expect([...alerts].sort()).toEqual(
      [
        'BackupJobFailed',
        'BackupMissed',
        'CoreSystemDown',
        'IntrusionDetected',
        'LabResultQueryLatencyHigh',
        'MachineRoomTemperatureOutOfRange',
        'NodeCPUHigh',
        'NodeDiskUsageHigh',
        'NodeDiskWillFillIn24h',
        'NodeMemoryHigh',
        'RegistrationAtMaxCapacity',
        'RegistrationCapacityLow',
        'RegistrationLatencyHigh',
        'RestoreDrillOverdue',
        'UPSBatteryLow',
        'UPSOnBattery',
      ].sort(),
    );
  });

  it.each(['prod', 'dr'])('%s: promtool test rules passes a firing and a not-firing case per alert', (environment) => {
    if (!promtool) return;
    const dir = fs.mkdtempSync(path.join(workDir, `${environment}-`));
    const text = rulesArtifact(environment);
    fs.writeFileSync(path.join(dir, 'rules.yaml'), text);
    const rules = (parse(text) as { groups: RuleGroup[] }).groups.flatMap((group) => group.rules);
    // promtool evaluates every rule at every evaluation step up to eval_time: the cases spanning days
    // (backup freshness, restore drills; rules without `for`) run with an hourly evaluation step.
    const long = (c: AlertCase): boolean => durationSeconds(c.evalTime) > 3 * 3600;
    fs.writeFileSync(
      path.join(dir, 'tests.yaml'),
      promtoolTests(
        rules,
        CASES.filter((c) => !long(c)),
        '1m',
      ),
    );
    fs.writeFileSync(path.join(dir, 'tests-days.yaml'), promtoolTests(rules, CASES.filter(long), '1h'));
    const result = run(promtool, ['test', 'rules', 'tests.yaml', 'tests-days.yaml'], dir);
    if (result.status !== 0) throw new Error(`promtool test rules failed:\n${result.output}`);
    expect(result.output).toContain('SUCCESS');
  });

  it('promtool test rules fails when an expectation is wrong (the unit tests are not vacuous)', () => {
    if (!promtool) return;
    const dir = fs.mkdtempSync(path.join(workDir, 'wrong-'));
    const text = rulesArtifact('prod');
    fs.writeFileSync(path.join(dir, 'rules.yaml'), text);
    const rules = (parse(text) as { groups: RuleGroup[] }).groups.flatMap((group) => group.rules);
    const firing = CASES.find((c) => c.alert === 'CoreSystemDown' && c.expected.length > 0)!;
    const silent = CASES.find((c) => c.alert === 'UPSOnBattery' && c.expected.length === 0)!;
    const wrong: AlertCase[] = [
      { ...firing, expected: [{ labels: { ...firing.expected[0]!.labels, severity: 'P2' } }] },
      { ...silent, expected: [{ labels: { instance: 'ups-b1-a', device: 'ups-b1-a', severity: 'P1', system: 'machine-room' } }] },
    ];
    fs.writeFileSync(path.join(dir, 'tests.yaml'), promtoolTests(rules, wrong, '1m'));
    const result = run(promtool, ['test', 'rules', 'tests.yaml'], dir);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('FAILED');
  });
});
