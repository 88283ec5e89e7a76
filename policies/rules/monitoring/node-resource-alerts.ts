import type { EstateRule } from '../../model';
import { planOf } from '../../plan/facts';
import { cpuModel, diskModel, DISK_SUBJECTS, HEALTHY_PERCENT, memoryModel, NODE_SUBJECTS } from './series-models';
import { monitoredEnvironments } from './scope';
import { proveThreshold, type Situation } from './threshold-proof';
import type { SeriesModel } from './promql-model';

type Quantity = 'diskUsagePercent' | 'cpuUsagePercent' | 'memoryUsagePercent';

const QUANTITIES: readonly {
  key: Quantity;
  what: string;
  subjects: readonly Record<string, string>[];
  model: (percent: number, hot: number) => SeriesModel;
}[] = [
  { key: 'diskUsagePercent', what: 'disk usage', subjects: DISK_SUBJECTS, model: diskModel },
  { key: 'cpuUsagePercent', what: 'CPU usage', subjects: NODE_SUBJECTS, model: cpuModel },
  { key: 'memoryUsagePercent', what: 'memory usage', subjects: NODE_SUBJECTS, model: memoryModel },
];

/** Just past the plan's value (a `>` and a `>=` comparison both fire there), then well beyond it. */
const probes = (threshold: number): number[] => [...new Set([threshold + 1e-6, (threshold + 100) / 2, 100])].filter((value) => value <= 100);

const describe = (subject: Record<string, string>): string => [subject.instance, subject.mountpoint].filter(Boolean).join(' ');

export const nodeResourceAlerts: EstateRule = {
  id: 'monitoring/node-resource-alerts',
  profile: 'platform',
  title: 'Disk, CPU and memory alerts fire at the operations plan’s thresholds',
  severity: 'high',
  rationale:
    'The operations plan (ops-8.1) sets the usage at which on-call must hear of a full disk, a saturated CPU or exhausted memory (80 %, 90 %, 90 %). ' +
    'An alert written at 95 %, at 100 %, on the wrong metric, on one filesystem only, or deleted, leaves the team to learn of it from the outage.',
  remediation:
    'Keep alert rules in kube-prometheus-stack additionalPrometheusRulesMap that fire at the plan’s monitoring.thresholds on every node and filesystem ' +
    '(e.g. `100 * (1 - node_filesystem_avail_bytes / node_filesystem_size_bytes) >= 80`), with an incident level as severity (constructs/monitoring alert-rules.ts).',
  resourceTypes: ['helm_release'],
  controls: { mlps: ['8.1.5.4', '8.1.10.6'], hipaa: ['164.308(a)(1)(ii)(D)', '164.312(b)'], operationsPlan: 'ops-8.1' },
  planKeys: ['monitoring.thresholds.diskUsagePercent', 'monitoring.thresholds.cpuUsagePercent', 'monitoring.thresholds.memoryUsagePercent'],
  scope: 'estate',
  evaluate(estate) {
    const plan = planOf(estate);
    return monitoredEnvironments(estate).flatMap(({ pipelines, subject, missing }) =>
      QUANTITIES.map(({ key, what, subjects, model }) => {
        const threshold = plan.monitoring.thresholds[key];
        const planRef = `plan: monitoring.thresholds.${key} = ${threshold} %`;
        if (missing) return { ...subject, status: 'fail' as const, message: `${what}: ${missing} (${planRef})` };
        const mustFire: Situation[] = subjects.flatMap((where, hot) =>
          probes(threshold).map((percent) => ({ label: `${what} ${Math.round(percent * 100) / 100} % on ${describe(where)}`, model: model(percent, hot) })),
        );
        const answer = proveThreshold(pipelines, plan, {
          mustFire,
          healthy: model(HEALTHY_PERCENT, 0),
          scan: () => Array.from({ length: 100 }, (_, index) => ({ value: index + 1, model: model(index + 1, 0) })),
        });
        if (!answer.proven) {
          const notes = answer.notes.length ? `; ${answer.notes.map((note) => note.replace(/ only from (\d+)$/, ' only from $1 %')).join('; ')}` : '';
          return {
            ...subject,
            status: 'fail' as const,
            message: `no alert of additionalPrometheusRulesMap fires at ${answer.missed!.label}${notes} (${planRef})`,
          };
        }
        return {
          ...subject,
          status: 'pass' as const,
          message: `${answer.alerts.map((alert) => `${alert.alert} (${alert.labels.severity})`).join(', ')} fire(s) from ${what} ${threshold} % on every node${key === 'diskUsagePercent' ? ' and filesystem' : ''} (${planRef})`,
        };
      }),
    );
  },
};
