import type { EstateRule } from '../../model';
import { logEnvironments, logRetentionOf, persistenceProblem, show, type EstateResult, YEAR_DAYS } from './log-retention';

/** Operation and audit logs are kept ten years (the operations plan). */
export const OPERATION_LOG_YEARS = 10;
/** Stream label values that mark operation and audit logs (e.g. `{log_type="audit"}`). */
export const OPERATION_LOG_KINDS = ['operation', 'audit'] as const;

export const retentionOperationLogs: EstateRule = {
  id: 'retention/operation-logs',
  profile: 'platform',
  title: 'Operation and audit logs are kept at least 10 years',
  severity: 'high',
  rationale:
    'The operations plan keeps operation logs ten years; MLPS 2.0 requires audit records to be protected and kept, and HIPAA audit controls need the activity history. ' +
    'Loki deletes a stream when its retention expires, so the ten years must be set for the operation and audit streams.',
  remediation:
    'In the Loki helm_release, set loki.limits_config.retention_stream entries for {log_type="operation"} and {log_type="audit"} with a period of at least 87600h (monitoring.logs.streams in the environment file).',
  resourceTypes: ['helm_release'],
  controls: { mlps: ['8.1.4.3', '8.1.5.4'], hipaa: ['164.312(b)'], operationsPlan: 'ops-8.3' },
  scope: 'estate',
  evaluate(estate) {
    const minimumDays = OPERATION_LOG_YEARS * YEAR_DAYS;
    return logEnvironments(estate).flatMap(({ environment, releases }): EstateResult[] => {
      if (releases.length === 0) {
        return [
          {
            resource: 'helm_release (loki)',
            environment,
            status: 'fail' as const,
            message: `${environment} runs core systems but has no Loki helm_release to keep operation and audit logs`,
          },
        ];
      }
      return releases.map((release) => {
        const subject = { resource: release.resource.address, environment, file: release.resource.file };
        if (release.problem) return { ...subject, status: 'fail' as const, message: release.problem };
        const lost = persistenceProblem(release);
        if (lost) return { ...subject, status: 'fail' as const, message: lost };
        const retention = logRetentionOf(release);
        if (!retention.deletes) {
          return {
            ...subject,
            status: 'pass' as const,
            message: 'loki.compactor.retention_enabled is not true: Loki deletes no logs, operation and audit logs are kept indefinitely',
          };
        }
        const findings = OPERATION_LOG_KINDS.map((kind) => {
          const stream = retention.streams.find((candidate) => new RegExp(`["|=~]\\s*${kind}\\b|\\b${kind}["|]`).test(candidate.selector));
          const days = stream ? stream.days : retention.defaultDays;
          const source = stream ? `retention_stream ${stream.selector}` : 'retention_period (no stream rule)';
          return { kind, days, text: `${kind} logs: ${show(days, stream ? stream.raw : retention.defaultRaw)} by ${source}` };
        });
        const short = findings.filter((finding) => finding.days === undefined || finding.days < minimumDays);
        const details = Object.fromEntries(
          findings.map((finding) => [finding.kind, finding.days === Number.POSITIVE_INFINITY ? 'unlimited' : (finding.days ?? null)]),
        );
        return short.length > 0
          ? {
              ...subject,
              status: 'fail' as const,
              details,
              message: `loki.limits_config keeps ${short.map((finding) => finding.text).join('; ')}; expected at least ${OPERATION_LOG_YEARS} years (${minimumDays} days)`,
            }
          : { ...subject, status: 'pass' as const, details, message: findings.map((finding) => finding.text).join('; ') };
      });
    });
  },
};
