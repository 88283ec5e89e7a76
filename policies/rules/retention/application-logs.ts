import type { EstateRule } from '../../model';
import { logEnvironments, logRetentionOf, persistenceProblem, show, type EstateResult } from './log-retention';

/** The Cybersecurity Law of the PRC (Art. 21) keeps network logs at least six months. */
export const APPLICATION_LOG_DAYS = 180;

export const retentionApplicationLogs: EstateRule = {
  id: 'retention/application-logs',
  profile: 'platform',
  title: 'Application logs are kept at least 180 days',
  severity: 'high',
  rationale:
    'The Cybersecurity Law requires network logs to be kept at least six months, and MLPS 2.0 audit records must survive long enough to investigate an incident. ' +
    'Every log stream Loki holds, including any with its own retention rule, must last 180 days.',
  remediation:
    'Set loki.limits_config.retention_period to at least 4320h and give no retention_stream a shorter period (monitoring.logs.applicationRetentionDays in the environment file).',
  resourceTypes: ['helm_release'],
  controls: { mlps: ['8.1.4.3', '8.1.5.4'], hipaa: ['164.312(b)'], operationsPlan: 'ops-7.3' },
  scope: 'estate',
  evaluate(estate) {
    return logEnvironments(estate).flatMap(({ environment, releases }): EstateResult[] => {
      if (releases.length === 0) {
        return [
          {
            resource: 'helm_release (loki)',
            environment,
            status: 'fail' as const,
            message: `${environment} runs core systems but has no Loki helm_release to keep application logs`,
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
          return { ...subject, status: 'pass' as const, message: 'loki.compactor.retention_enabled is not true: Loki deletes no logs' };
        }
        const problems: string[] = [];
        if (retention.defaultDays === undefined || retention.defaultDays < APPLICATION_LOG_DAYS) {
          problems.push(`loki.limits_config.retention_period is ${show(retention.defaultDays, retention.defaultRaw)}`);
        }
        for (const stream of retention.streams) {
          if (stream.days === undefined || stream.days < APPLICATION_LOG_DAYS)
            problems.push(`retention_stream ${stream.selector} keeps ${show(stream.days, stream.raw)}`);
        }
        const details = {
          retentionDays: retention.defaultDays === Number.POSITIVE_INFINITY ? 'unlimited' : (retention.defaultDays ?? null),
          minimumDays: APPLICATION_LOG_DAYS,
        };
        return problems.length > 0
          ? { ...subject, status: 'fail' as const, details, message: `${problems.join('; ')}; expected at least ${APPLICATION_LOG_DAYS} days` }
          : {
              ...subject,
              status: 'pass' as const,
              details,
              message: `application logs kept ${show(retention.defaultDays, retention.defaultRaw)}, no stream shorter`,
            };
      });
    });
  },
};
