import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, planWith, terraform, workload } from '../fixture-builders';
import { core, coreDeployment, hpa, plainDeployment } from './fixtures-shared';

type Json = Record<string, unknown>;

/** A core Deployment of `name` whose one container has the given probes (undefined removes one). */
const probed = (name: string, probes: Json) => {
  const container = hardenedContainer(name, probes);
  for (const [key, value] of Object.entries(probes)) if (value === undefined) delete container[key];
  return workload('kubernetes_deployment_v1', name, { labels: core, replicas: 3, containers: [container] });
};
const http = (path: string, timing: Json = {}) => ({ http_get: { path, port: 'http' }, ...timing });
/** The shipped timing: 10 + 10 × 3 + 3 = 43 s. */
const SHIPPED = { initial_delay_seconds: 10, period_seconds: 10, failure_threshold: 3, timeout_seconds: 3 };

export const coreFailureDetectionFixtures: RuleFixtures = {
  ruleId: 'availability/core-failure-detection',
  pass: [
    {
      name: 'readiness and liveness as shipped (43 s)',
      terraform: probed('emr', { liveness_probe: http('/healthz', SHIPPED), readiness_probe: http('/ready', SHIPPED) }),
      message: '1 container(s) checked: readiness and liveness probes detect a failure within 5 min',
    },
    {
      name: 'Kubernetes defaults (0 + 10 × 3 + 1 s) for a probe without timing',
      terraform: terraform(coreDeployment('registration'), hpa('registration', 5, 10)),
      resource: 'kubernetes_deployment_v1.registration',
    },
    {
      name: 'exactly the plan’s five minutes (60 + 30 × 8 + 0 s)',
      terraform: probed('lis', {
        liveness_probe: { tcp_socket: { port: 'http' }, initial_delay_seconds: 60, period_seconds: 30, failure_threshold: 8, timeout_seconds: 0 },
        readiness_probe: http('/ready'),
      }),
    },
    {
      name: 'an exec probe that checks something (pg_isready)',
      terraform: probed('emr', { readiness_probe: { exec: { command: ['sh', '-c', 'pg_isready -h 127.0.0.1'] } }, liveness_probe: http('/healthz', SHIPPED) }),
      message: 'detect a failure within 5 min',
    },
    {
      name: 'a timeout longer than the period that still fits (0 + 5 + 2 × 20 + 20 s)',
      terraform: probed('emr', {
        readiness_probe: http('/ready', { period_seconds: 5, failure_threshold: 3, timeout_seconds: 20 }),
        liveness_probe: http('/healthz', SHIPPED),
      }),
      message: 'detect a failure within 5 min',
    },
    {
      name: 'a slow start covered by a startup probe within the plan',
      terraform: probed('emr', { startup_probe: http('/healthz', { period_seconds: 10, failure_threshold: 24, timeout_seconds: 3 }) }),
    },
    {
      name: 'the plan of another hospital allows ten minutes',
      terraform: probed('emr', { liveness_probe: http('/healthz', { period_seconds: 60, failure_threshold: 8 }) }),
      options: { plan: planWith({ availability: { detectWithinMinutes: 10 } }) },
    },
  ],
  fail: [
    {
      name: 'liveness probe removed',
      terraform: probed('emr', { liveness_probe: undefined }),
      message:
        'spec[0].template[0].spec[0].container[0].liveness_probe missing: a hung pod is never restarted (plan: availability.detectWithinMinutes = 5 of recoveryTimeMinutes = 30)',
    },
    {
      name: 'readiness probe removed',
      terraform: probed('billing', { readiness_probe: undefined }),
      message: 'readiness_probe missing: a failed pod keeps receiving requests',
    },
    {
      name: 'both probes removed',
      terraform: probed('lis', { liveness_probe: undefined, readiness_probe: undefined }),
      message: 'readiness_probe missing',
    },
    {
      name: 'failure_threshold 1000',
      terraform: probed('emr', { liveness_probe: http('/healthz', { ...SHIPPED, failure_threshold: 1000 }) }),
      message: 'liveness_probe detects a failure after 10 + 10 × 1000 + 3 s = 10013 s (166.9 min), over 5 min',
    },
    {
      name: 'period_seconds 3600',
      terraform: probed('registration', { readiness_probe: http('/ready', { ...SHIPPED, period_seconds: 3600 }) }),
      message: 'readiness_probe detects a failure after 10 + 3600 × 3 + 3 s = 10813 s',
    },
    {
      name: 'initial delay of an hour',
      terraform: probed('emr', { liveness_probe: http('/healthz', { ...SHIPPED, initial_delay_seconds: 3600 }) }),
      message: 'over 5 min',
    },
    {
      name: 'a startup probe that tolerates an hour of failing',
      terraform: probed('emr', { startup_probe: http('/healthz', { period_seconds: 60, failure_threshold: 60 }) }),
      message: 'startup_probe detects a failure after 0 + 60 × 60 + 1 s',
    },
    {
      name: 'probes that run `true` (always succeed)',
      terraform: probed('emr', {
        liveness_probe: { exec: { command: ['true'] }, period_seconds: 10, failure_threshold: 3 },
        readiness_probe: { exec: { command: ['true'] }, period_seconds: 10, failure_threshold: 3 },
      }),
      message: 'readiness_probe.exec.command ["true"] always succeeds: the probe cannot detect a failure',
    },
    {
      name: 'a shell probe whose failure is swallowed (`|| true`)',
      terraform: probed('lis', { readiness_probe: { exec: { command: ['sh', '-c', 'curl -sf localhost:8080/ready || true'] } } }),
      message: 'always succeeds',
    },
    {
      name: 'readiness timeout of 4 minutes: failing probes come one timeout apart (10 + 10 + 2 × 240 + 240 s)',
      terraform: probed('billing', { readiness_probe: http('/ready', { period_seconds: 10, failure_threshold: 3, timeout_seconds: 240 }) }),
      message:
        'readiness_probe detects a failure after 0 + 10 + (3 − 1) × 240 + 240 s (timeout_seconds 240 > period_seconds 10: each failing probe waits for its timeout) = 730 s (12.2 min), over 5 min (plan: availability.detectWithinMinutes = 5',
    },
    {
      name: 'period known only after apply',
      terraform: probed('emr', { liveness_probe: http('/healthz', { period_seconds: '${var.period}' }) }),
      message: 'liveness_probe.period_seconds is known only after apply; failing closed',
    },
    {
      name: 'a probe without a handler',
      terraform: probed('emr', { readiness_probe: { period_seconds: 10 } }),
      message: 'readiness_probe has no handler',
    },
    {
      name: 'EMR without the core label is core by the plan',
      terraform: workload('kubernetes_deployment_v1', 'emr', {
        namespace: 'emr',
        replicas: 3,
        containers: [hardenedContainer('emr', { liveness_probe: http('/healthz', { period_seconds: 3600 }) })],
      }),
      resource: 'kubernetes_deployment_v1.emr',
      message: 'liveness_probe detects a failure after',
    },
    {
      name: 'a stricter plan: 2 minutes of probing over a one-minute limit',
      terraform: probed('emr', { liveness_probe: http('/healthz', { period_seconds: 30, failure_threshold: 4 }) }),
      options: { plan: planWith({ availability: { detectWithinMinutes: 1 } }) },
      message: 'over 1 min',
    },
  ],
  skip: [
    {
      name: 'a workload that is not core',
      terraform: plainDeployment('visitor-portal', 1),
      resource: 'kubernetes_deployment_v1.visitor-portal',
      message: 'not a core workload',
    },
  ],
};
