import { CRON_JOB_TYPES, STATEFUL_SET_TYPES } from '../../kubernetes';
import type { EstateRule } from '../../model';
import { planOf } from '../../plan/facts';
import { claimsNote, dataStoresOf, subjectOf } from './facts';
import { gapOfJobs } from './job-gaps';
import { datesWithoutRunAt, listDates } from './plan-schedule';
import { formatHours, formatInZone } from './schedule-gaps';
import { siteOfEnvironment } from './sites';

export const backupRpo: EstateRule = {
  id: 'backup/rpo',
  profile: 'platform',
  title: 'Medical data stores are backed up every day at the plan’s time, at most 24 hours apart (RPO)',
  severity: 'high',
  rationale:
    'The recovery point objective is the longest time between two backups: a failure just before the next run loses everything since the last one. ' +
    'The operations plan backs up every medical-record store incrementally every day at 02:00, in the quiet hours of the site. Both are computed from what runs: ' +
    'the CronJobs whose backup step really connects to the store (DB_HOST, pgBackRest pg1-host), their schedules in their own time zone over a whole year ' +
    '(weekday-only schedules and daylight-saving nights count), each day checked for a run at the plan’s time on the local clock of the environment’s site.',
  remediation:
    'Schedule the incremental backup CronJob of the store every day at the plan’s time, e.g. "0 2 * * *" with spec.timezone set to the site’s zone ' +
    '(environments/<env>.yaml dataStores.<name>.backup.schedules.incremental), make its backup container connect to the store itself (DB_HOST), and do not suspend it.',
  resourceTypes: [...CRON_JOB_TYPES, ...STATEFUL_SET_TYPES],
  controls: { mlps: ['8.1.4.9'], hipaa: ['164.308(a)(7)(ii)(A)'], operationsPlan: 'ops-7.1' },
  planKeys: ['backup.maxGapHours', 'backup.incremental.every', 'backup.incremental.at', 'backup.sites', 'medicalRecordStores'],
  scope: 'estate',
  evaluate(estate) {
    const plan = planOf(estate);
    const limit = plan.backup.maxGapHours;
    const at = plan.backup.incremental.at;
    return estate.environments.flatMap((environment) => {
      const siteZone = siteOfEnvironment(plan, environment)?.timeZone;
      return dataStoresOf(estate, environment).map((store) => {
        const subject = { ...subjectOf(store), environment };
        const jobs = store.jobs.filter((job) => job.kind === 'full' || job.kind === 'incremental');
        if (jobs.length === 0) {
          return store.medical
            ? {
                ...subject,
                status: 'fail' as const,
                message: `data store ${store.name} holds medical records but no CronJob runs a full or incremental backup of it${claimsNote(store)}`,
              }
            : { ...subject, status: 'not-applicable' as const, message: `data store ${store.name} has no backup CronJobs and holds no medical records` };
        }
        const result = gapOfJobs(jobs);
        if (!result.ok) {
          return {
            ...subject,
            status: store.medical ? ('fail' as const) : ('not-applicable' as const),
            message: `data store ${store.name}: RPO cannot be computed: ${result.problem}`,
          };
        }
        const { gap, schedules } = result;
        const zone = schedules[0]!.timeZone;
        const worst = gap.from && gap.to ? ` (from ${formatInZone(gap.from, zone)} to ${formatInZone(gap.to, zone)})` : '';
        const scheduleText = schedules.map((entry) => `"${entry.schedule}" ${entry.timeZone}`).join(' + ');
        const details = {
          dataStore: store.name,
          rpoHours: Number.isFinite(gap.maxGapHours) ? gap.maxGapHours : null,
          limitHours: limit,
          worstGapFrom: gap.from?.toISOString(),
          worstGapTo: gap.to?.toISOString(),
          schedules,
          year: gap.windowStart.getUTCFullYear(),
        };
        if (!store.medical) {
          return {
            ...subject,
            status: 'not-applicable' as const,
            details,
            message: `data store ${store.name} holds no medical records; RPO ${formatHours(gap.maxGapHours)} from ${scheduleText}`,
          };
        }
        if (gap.maxGapHours > limit) {
          return {
            ...subject,
            status: 'fail' as const,
            details,
            message: `data store ${store.name}: RPO ${formatHours(gap.maxGapHours)} exceeds ${limit} h (plan: backup.maxGapHours = ${limit}): the longest gap between backups${worst} with ${scheduleText}${claimsNote(store)}`,
          };
        }
        const missed = datesWithoutRunAt(schedules, at, siteZone, details.year);
        const judgedIn = siteZone ?? 'each CronJob’s own zone';
        if (missed.length > 0) {
          return {
            ...subject,
            status: 'fail' as const,
            details: { ...details, daysWithoutRunAtPlanTime: missed.length },
            message: `data store ${store.name}: no backup runs at ${at} (${judgedIn}) on ${listDates(missed)} (plan: backup.incremental.at = ${at} every day); spec[0].schedule: ${scheduleText}${claimsNote(store)}`,
          };
        }
        return {
          ...subject,
          status: 'pass' as const,
          details,
          message: `data store ${store.name}: RPO ${formatHours(gap.maxGapHours)} ≤ ${limit} h, a backup at ${at} (${judgedIn}) every day, from ${scheduleText}`,
        };
      });
    });
  },
};
