import type { EstateRule } from '../../model';
import { planOf } from '../../plan/facts';
import { latencyModel } from './series-models';
import { monitoredEnvironments } from './scope';
import { proveThreshold } from './threshold-proof';

const formatSeconds = (seconds: number): string => (seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${Math.round(seconds * 1000) / 1000} s`);

export const responseTimeAlerts: EstateRule = {
  id: 'monitoring/response-time-alerts',
  profile: 'platform',
  title: 'Clinical response times alert once the 95th percentile exceeds the operations plan',
  severity: 'high',
  rationale:
    'The operations plan (ops-8.1) bounds the 95th-percentile response time of registration (1 s) and of lab-result queries (500 ms). ' +
    'An alert at 3 s or 2 s, on the median, on another service’s series, or deleted, lets patients queue at the counter before anyone is told.',
  remediation:
    'Keep an alert in kube-prometheus-stack additionalPrometheusRulesMap that fires when ' +
    '`histogram_quantile(0.95, sum by (le) (rate(<histogram>_bucket{<labels>}[5m])))` exceeds monitoring.responseTimes.<name>.p95Seconds, ' +
    'selecting the histogram the plan names, with an incident level as severity (constructs/monitoring alert-rules.ts).',
  resourceTypes: ['helm_release'],
  controls: { mlps: ['8.1.5.4', '8.1.10.6'], hipaa: ['164.308(a)(1)(ii)(D)', '164.312(b)'], operationsPlan: 'ops-8.1' },
  planKeys: ['monitoring.responseTimes'],
  scope: 'estate',
  evaluate(estate) {
    const plan = planOf(estate);
    return monitoredEnvironments(estate).flatMap(({ pipelines, subject, missing }) =>
      Object.entries(plan.monitoring.responseTimes).map(([key, target]) => {
        const limit = target.p95Seconds;
        const { metric, labels } = target.histogram;
        const series = `${metric}_bucket{${Object.entries(labels)
          .map(([name, value]) => `${name}="${value}"`)
          .join(',')}}`;
        const planRef = `plan: monitoring.responseTimes.${key}.p95Seconds = ${limit}`;
        if (missing) return { ...subject, status: 'fail' as const, message: `${target.title} response time: ${missing} (${planRef})` };
        const model = (p95: number) => latencyModel(metric, labels, p95, limit);
        const answer = proveThreshold(pipelines, plan, {
          mustFire: [limit * (1 + 1e-6), limit * 1.5, limit * 3, limit * 10].map((p95) => ({
            label: `${target.title} p95 ${formatSeconds(p95)} (${series})`,
            model: model(p95),
          })),
          healthy: model(limit / 20),
          scan: () => [1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((factor) => ({ value: limit * factor, model: model(limit * factor * (1 + 1e-6)) })),
        });
        if (!answer.proven) {
          const notes = answer.notes.map((note) =>
            note.replace(/ only from ([\d.]+)$/, (_all, value: string) => ` only above a p95 of ${formatSeconds(Number(value))}`),
          );
          return {
            ...subject,
            status: 'fail' as const,
            message: `no alert of additionalPrometheusRulesMap fires at ${answer.missed!.label}${notes.length ? `; ${notes.join('; ')}` : ''} (${planRef})`,
          };
        }
        return {
          ...subject,
          status: 'pass' as const,
          message: `${answer.alerts.map((alert) => `${alert.alert} (${alert.labels.severity})`).join(', ')} fire(s) once the ${target.title} p95 exceeds ${formatSeconds(limit)} (${planRef})`,
        };
      }),
    );
  },
};
