import { CRON_JOB_TYPES, STATEFUL_SET_TYPES } from '../../kubernetes';
import type { EstateRule } from '../../model';
import { dataStoresOf, subjectOf } from './facts';
import { gapOfJobs } from './job-gaps';
import { formatHours, formatInZone } from './schedule-gaps';

/** The operations plan: incremental every day, so at most one day of records can be lost. */
export const MAX_RPO_HOURS = 24;

export const backupRpo: EstateRule = {
  id: 'backup/rpo',
  profile: 'platform',
  title: 'Medical data stores are backed up at least every 24 hours (RPO ≤ 24 h)',
  severity: 'high',
  rationale:
    'The recovery point objective is the longest time between two backups: a failure just before the next run loses everything since the last one. ' +
    'The operations plan backs up core data incrementally every day; the figure is computed from the CronJob schedules in their own time zone over a whole year, ' +
    'so weekday-only schedules and daylight-saving nights (a 02:00 run is 25 h after the previous one when clocks go back) count.',
  remediation:
    'Schedule the incremental backup CronJob (label platform.hospital/backup=incremental) every day, e.g. "0 2 * * *", set spec.timezone to the site zone ' +
    '(a zone without daylight saving such as Asia/Shanghai keeps the gap at 24 h), and do not suspend it (environments/<env>.yaml dataStores.<name>.backup.schedules).',
  resourceTypes: [...CRON_JOB_TYPES, ...STATEFUL_SET_TYPES],
  controls: { mlps: ['8.1.4.9'], hipaa: ['164.308(a)(7)(ii)(A)'], operationsPlan: 'ops-7.1' },
  scope: 'estate',
  evaluate(estate) {
    return estate.environments.flatMap((environment) =>
      dataStoresOf(estate, environment).map((store) => {
        const subject = { ...subjectOf(store), environment };
        const jobs = store.jobs.filter((job) => job.kind === 'full' || job.kind === 'incremental');
        if (jobs.length === 0) {
          return store.medical
            ? { ...subject, status: 'fail' as const, message: `data store ${store.name} holds medical records but has no backup CronJob labelled platform.hospital/backup=incremental or full` }
            : { ...subject, status: 'not-applicable' as const, message: `data store ${store.name} has no backup CronJobs and holds no medical records` };
        }
        const result = gapOfJobs(jobs);
        if (!result.ok) {
          return { ...subject, status: store.medical ? ('fail' as const) : ('not-applicable' as const), message: `data store ${store.name}: RPO cannot be computed: ${result.problem}` };
        }
        const { gap, schedules } = result;
        const zone = schedules[0]!.timeZone;
        const worst = gap.from && gap.to ? ` (from ${formatInZone(gap.from, zone)} to ${formatInZone(gap.to, zone)})` : '';
        const scheduleText = schedules.map((entry) => `"${entry.schedule}" ${entry.timeZone}`).join(' + ');
        const details = {
          dataStore: store.name,
          rpoHours: Number.isFinite(gap.maxGapHours) ? gap.maxGapHours : null,
          limitHours: MAX_RPO_HOURS,
          worstGapFrom: gap.from?.toISOString(),
          worstGapTo: gap.to?.toISOString(),
          schedules,
          year: gap.windowStart.getUTCFullYear(),
        };
        if (!store.medical) {
          return { ...subject, status: 'not-applicable' as const, details, message: `data store ${store.name} holds no medical records; RPO ${formatHours(gap.maxGapHours)} from ${scheduleText}` };
        }
        return gap.maxGapHours <= MAX_RPO_HOURS
          ? { ...subject, status: 'pass' as const, details, message: `data store ${store.name}: RPO ${formatHours(gap.maxGapHours)} ≤ ${MAX_RPO_HOURS} h from ${scheduleText}` }
          : {
              ...subject,
              status: 'fail' as const,
              details,
              message: `data store ${store.name}: RPO ${formatHours(gap.maxGapHours)} exceeds ${MAX_RPO_HOURS} h: the longest gap between backups${worst} with ${scheduleText}`,
            };
      }),
    );
  },
};
