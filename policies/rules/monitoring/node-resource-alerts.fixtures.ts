import type { RuleFixtures } from '../fixtures';
import { alertsWith, clinicalWorkload, monitoringStack, STANDARD_ALERTS, terraform } from './fixture-builders';
import { helmReleaseWith } from './fixture-builders';

const STACK = 'helm_release.kube-prometheus-stack';
const stack = (...args: Parameters<typeof monitoringStack>) => terraform(clinicalWorkload(), monitoringStack(...args));

export const nodeResourceAlertsFixtures: RuleFixtures = {
  ruleId: 'monitoring/node-resource-alerts',
  pass: [
    {
      name: 'the platform’s disk, CPU and memory alerts',
      terraform: stack(),
      resource: STACK,
      message: 'NodeDiskUsageHigh (P3) fire(s) from disk usage 80 % on every node and filesystem',
    },
    {
      name: 'disk as a free-space ratio, CPU from the busy modes, memory from the recording rule',
      terraform: stack({
        alerts: [
          ...alertsWith('NodeDiskUsageHigh', {
            expr: 'node_filesystem_avail_bytes{mountpoint!=""} / node_filesystem_size_bytes{mountpoint!=""} * 100 <= 20',
          }).filter((alert) => !['NodeCPUHigh', 'NodeMemoryHigh'].includes(alert.alert)),
          {
            alert: 'CPUBusy',
            expr: 'sum by (instance) (rate(node_cpu_seconds_total{mode!="idle"}[5m])) / count by (instance) (node_cpu_seconds_total{mode="idle"}) > 0.9',
            for: '10m',
            labels: { severity: 'P3' },
          },
          { alert: 'MemoryFull', expr: 'instance:node_memory_utilisation:ratio > 0.9', labels: { severity: 'P2' } },
        ],
      }),
      message: 'CPUBusy (P3) fire(s) from CPU usage 90 %',
    },
    {
      name: 'stricter than the plan: disk at 70 %',
      terraform: stack({ alerts: alertsWith('NodeDiskUsageHigh', { expr: '100 * (1 - node_filesystem_avail_bytes / node_filesystem_size_bytes) > 70' }) }),
      message: 'disk usage 80 %',
    },
    {
      name: 'two alerts together cover the range (warning from 80 %, critical from 90 %)',
      terraform: stack({
        alerts: [
          ...alertsWith('NodeDiskUsageHigh', { expr: '100 * (1 - node_filesystem_avail_bytes / node_filesystem_size_bytes) >= 80 < 90' }),
          { alert: 'NodeDiskCritical', expr: '100 * (1 - node_filesystem_avail_bytes / node_filesystem_size_bytes) >= 90', labels: { severity: 'P2' } },
        ],
      }),
      message: 'NodeDiskUsageHigh (P3), NodeDiskCritical (P2)',
    },
  ],
  fail: [
    {
      name: 'disk alert at 95 %',
      terraform: stack({ alerts: alertsWith('NodeDiskUsageHigh', { expr: STANDARD_ALERTS[3]!.expr.replace('>= 80', '>= 95') }) }),
      resource: STACK,
      message:
        'no alert of additionalPrometheusRulesMap fires at disk usage 80 % on 10.0.1.11:9100 /; NodeDiskUsageHigh fires only from 95 % (plan: monitoring.thresholds.diskUsagePercent = 80 %)',
    },
    {
      name: 'disk alert on the free ratio at 5 %',
      terraform: stack({ alerts: alertsWith('NodeDiskUsageHigh', { expr: 'node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.05' }) }),
      message: 'NodeDiskUsageHigh fires only from 96 %',
    },
    {
      name: 'CPU alert at 100 %',
      terraform: stack({ alerts: alertsWith('NodeCPUHigh', { expr: STANDARD_ALERTS[4]!.expr.replace('> 90', '> 100') }) }),
      message: 'no alert of additionalPrometheusRulesMap fires at CPU usage 90 % on 10.0.1.11:9100 (plan: monitoring.thresholds.cpuUsagePercent = 90 %)',
    },
    {
      name: 'memory alert at 100 %',
      terraform: stack({ alerts: alertsWith('NodeMemoryHigh', { expr: STANDARD_ALERTS[5]!.expr.replace('> 90', '>= 100') }) }),
      message: 'fires at memory usage 90 % on 10.0.1.11:9100',
    },
    {
      name: 'disk alert deleted',
      terraform: stack({ alerts: alertsWith('NodeDiskUsageHigh', null) }),
      message: 'no alert of additionalPrometheusRulesMap fires at disk usage 80 %',
    },
    { name: 'CPU alert deleted', terraform: stack({ alerts: alertsWith('NodeCPUHigh', null) }), message: 'fires at CPU usage 90 %' },
    { name: 'memory alert deleted', terraform: stack({ alerts: alertsWith('NodeMemoryHigh', null) }), message: 'fires at memory usage 90 %' },
    {
      name: 'disk alert on /boot only',
      terraform: stack({
        alerts: alertsWith('NodeDiskUsageHigh', {
          expr: '100 * (1 - node_filesystem_avail_bytes{mountpoint="/boot"} / node_filesystem_size_bytes{mountpoint="/boot"}) >= 80',
        }),
      }),
      message: 'disk usage 80 % on 10.0.1.11:9100 /',
    },
    {
      name: 'disk alert on one node only',
      terraform: stack({
        alerts: alertsWith('NodeDiskUsageHigh', {
          expr: '100 * (1 - node_filesystem_avail_bytes{node="node-a"} / node_filesystem_size_bytes{node="node-a"}) >= 80',
        }),
      }),
      message: 'disk usage 80 % on 10.0.1.12:9100 /',
    },
    {
      name: 'disk alert without an incident level',
      terraform: stack({ alerts: alertsWith('NodeDiskUsageHigh', { labels: { severity: 'warning' } }) }),
      message: 'NodeDiskUsageHigh fires, but its severity warning is no incident level of the plan (P1, P2, P3)',
    },
    {
      name: 'disk alert that fires whatever the usage',
      terraform: stack({ alerts: alertsWith('NodeDiskUsageHigh', { expr: 'node_filesystem_size_bytes > 0' }) }),
      message: 'NodeDiskUsageHigh fires even when all is healthy',
    },
    {
      name: 'disk alert that can never fire (and vector(0) > 1)',
      terraform: stack({ alerts: alertsWith('NodeDiskUsageHigh', { expr: `${STANDARD_ALERTS[3]!.expr} and on() vector(0) > 1` }) }),
      message: 'fires at disk usage 80 %',
    },
    {
      name: 'Prometheus disabled by a set entry',
      terraform: stack({ set: [{ name: 'prometheus.enabled', value: 'false' }] }),
      message: 'prometheus.enabled is false: no Prometheus evaluates the alert rules',
    },
    {
      name: 'rules not selected by the Prometheus rule selector',
      terraform: stack({ values: { prometheus: { prometheusSpec: { ruleSelector: { matchLabels: { team: 'platform' } } } } } }),
      message: 'ruleSelector.matchLabels.team=platform does not select the chart’s rules',
    },
    {
      name: 'no kube-prometheus-stack where clinical systems run',
      terraform: terraform(clinicalWorkload(), helmReleaseWith('loki', 'loki', '18.11.0', {})),
      resource: 'helm_release.kube-prometheus-stack',
      message: 'no kube-prometheus-stack helm_release in prod, which runs clinical systems',
    },
  ],
};
