import type { RuleFixtures } from '../fixtures';
import { planWith } from '../fixture-builders';
import { alertsWith, clinicalWorkload, monitoringStack, terraform } from './fixture-builders';

const stack = (...args: Parameters<typeof monitoringStack>) => terraform(clinicalWorkload(), monitoringStack(...args));
const REGISTRATION = 'http_request_duration_seconds_bucket{service="registration"}';

export const responseTimeAlertsFixtures: RuleFixtures = {
  ruleId: 'monitoring/response-time-alerts',
  pass: [
    {
      name: 'registration above 1 s and lab results above 500 ms',
      terraform: stack(),
      message: 'RegistrationLatencyHigh (P2) fire(s) once the registration p95 exceeds 1 s',
    },
    {
      name: 'stricter: registration above 800 ms',
      terraform: stack({ alerts: alertsWith('RegistrationLatencyHigh', { expr: `histogram_quantile(0.95, sum by (le) (rate(${REGISTRATION}[5m]))) > 0.8` }) }),
      message: 'registration p95 exceeds 1 s',
    },
    {
      name: 'the 99th percentile at 1 s (above the p95, so it fires first)',
      terraform: stack({ alerts: alertsWith('RegistrationLatencyHigh', { expr: `histogram_quantile(0.99, sum by (le) (rate(${REGISTRATION}[5m]))) > 1` }) }),
      message: 'registration p95 exceeds 1 s',
    },
    {
      name: 'written as the share of requests within 1 s',
      terraform: stack({
        alerts: alertsWith('RegistrationLatencyHigh', {
          expr: 'sum(rate(http_request_duration_seconds_bucket{service="registration",le="1"}[5m])) / sum(rate(http_request_duration_seconds_count{service="registration"}[5m])) < 0.95',
        }),
      }),
      message: 'registration p95 exceeds 1 s',
    },
    {
      name: 'another hospital’s histogram and limit',
      terraform: stack({
        alerts: [
          ...alertsWith('RegistrationLatencyHigh', null),
          { alert: 'AdmissionSlow', expr: 'histogram_quantile(0.95, sum by (le) (rate(admission_seconds_bucket[10m]))) > 2', labels: { severity: 'P3' } },
        ],
      }),
      options: {
        plan: planWith({
          monitoring: {
            responseTimes: {
              registration: { title: 'admission', system: 'registration', p95Seconds: 2, histogram: { metric: 'admission_seconds', labels: {} } },
            },
          },
        }),
      },
      message: 'AdmissionSlow (P3) fire(s) once the admission p95 exceeds 2 s',
    },
  ],
  fail: [
    {
      name: 'registration latency alert at 3 s',
      terraform: stack({ alerts: alertsWith('RegistrationLatencyHigh', { expr: `histogram_quantile(0.95, sum by (le) (rate(${REGISTRATION}[5m]))) > 3` }) }),
      message:
        'no alert of additionalPrometheusRulesMap fires at registration p95 1 s (http_request_duration_seconds_bucket{service="registration"}); RegistrationLatencyHigh fires only above a p95 of 3 s (plan: monitoring.responseTimes.registration.p95Seconds = 1)',
    },
    {
      name: 'lab-result latency alert at 2 s',
      terraform: stack({
        alerts: alertsWith('LabResultQueryLatencyHigh', {
          expr: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="lis",handler="/api/lab-results"}[5m]))) > 2',
        }),
      }),
      message: 'LabResultQueryLatencyHigh fires only above a p95 of 2 s (plan: monitoring.responseTimes.labResults.p95Seconds = 0.5)',
    },
    {
      name: 'latency alerts deleted',
      terraform: stack({ alerts: alertsWith('LabResultQueryLatencyHigh', null) }),
      message: 'fires at lab-result queries p95 500 ms',
    },
    {
      name: 'the median instead of the 95th percentile',
      terraform: stack({ alerts: alertsWith('RegistrationLatencyHigh', { expr: `histogram_quantile(0.5, sum by (le) (rate(${REGISTRATION}[5m]))) > 1` }) }),
      message: 'fires at registration p95 1 s',
    },
    {
      name: 'the average instead of the 95th percentile',
      terraform: stack({
        alerts: alertsWith('RegistrationLatencyHigh', {
          expr: 'sum(rate(http_request_duration_seconds_sum{service="registration"}[5m])) / sum(rate(http_request_duration_seconds_count{service="registration"}[5m])) > 1',
        }),
      }),
      message: 'fires at registration p95 1 s',
    },
    {
      name: 'another service’s histogram',
      terraform: stack({
        alerts: alertsWith('RegistrationLatencyHigh', {
          expr: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="billing"}[5m]))) > 1',
        }),
      }),
      message: 'fires at registration p95 1 s',
    },
    {
      name: 'a latency alert without severity',
      terraform: stack({ alerts: alertsWith('RegistrationLatencyHigh', { labels: { severity: '{{ $labels.level }}' } }) }),
      message: 'RegistrationLatencyHigh fires, but its severity {{ $labels.level }} is no incident level',
    },
  ],
};
