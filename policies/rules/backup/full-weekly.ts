import { CRON_JOB_TYPES } from '../../kubernetes';
import type { EstateRule } from '../../model';
import { planOf } from '../../plan/facts';
import { claimsNote, dataStoresOf, subjectOf } from './facts';
import { gapOfJobs } from './job-gaps';
import { listDates, weekdaysWithoutRun } from './plan-schedule';
import { formatHours } from './schedule-gaps';
import { siteOfEnvironment } from './sites';

/** 7 days, plus the hour a daylight-saving change can add to a week ("every Sunday" stays weekly). */
export const MAX_FULL_GAP_HOURS = 7 * 24 + 1;

export const backupFullWeekly: EstateRule = {
  id: 'backup/full-weekly',
  profile: 'platform',
  title: 'Medical data stores get a full backup every week on the plan’s weekday',
  severity: 'high',
  rationale:
    'Incremental backups chain on the last full one: a weekly full bounds the chain a restore has to replay (and the damage of one corrupt incremental), ' +
    'as the operations plan asks (full backup every Sunday). A full backup is a CronJob whose backup container runs the engine’s backup with the level `full` ' +
    'against the store itself; every plan weekday of the year (site time) must have one.',
  remediation:
    'Schedule the full backup CronJob of the store on the plan’s weekday, e.g. "0 1 * * 0" for Sunday with spec.timezone set to the site’s zone ' +
    '(environments/<env>.yaml dataStores.<name>.backup.schedules.full); its backup container’s first argument must be `full`.',
  resourceTypes: CRON_JOB_TYPES,
  controls: { mlps: ['8.1.4.9'], hipaa: ['164.308(a)(7)(ii)(A)'], operationsPlan: 'ops-7.1' },
  planKeys: ['backup.full.weekday', 'backup.sites', 'medicalRecordStores'],
  scope: 'estate',
  evaluate(estate) {
    const plan = planOf(estate);
    const weekday = plan.backup.full.weekday;
    return estate.environments.flatMap((environment) => {
      const siteZone = siteOfEnvironment(plan, environment)?.timeZone;
      return dataStoresOf(estate, environment)
        .filter((store) => store.jobs.length > 0 || store.claims.length > 0 || store.medical)
        .map((store) => {
          const subject = { ...subjectOf(store), environment };
          const fulls = store.jobs.filter((job) => job.kind === 'full');
          const status = (failed: boolean) => (failed ? (store.medical ? ('fail' as const) : ('not-applicable' as const)) : ('pass' as const));
          if (fulls.length === 0)
            return { ...subject, status: status(true), message: `data store ${store.name}: no CronJob runs a full backup of it${claimsNote(store)}` };
          const result = gapOfJobs(fulls);
          if (!result.ok)
            return { ...subject, status: status(true), message: `data store ${store.name}: full backup schedule cannot be judged: ${result.problem}` };
          const hours = result.gap.maxGapHours;
          const details = { dataStore: store.name, fullGapHours: Number.isFinite(hours) ? hours : null, limitHours: MAX_FULL_GAP_HOURS };
          const schedules = result.schedules.map((entry) => `"${entry.schedule}" ${entry.timeZone}`).join(' + ');
          if (hours > MAX_FULL_GAP_HOURS) {
            return {
              ...subject,
              status: status(true),
              details,
              message: `data store ${store.name}: full backups are up to ${formatHours(hours)} apart (${schedules}), more than a week`,
            };
          }
          const missed = weekdaysWithoutRun(result.schedules, weekday, siteZone, result.gap.windowStart.getUTCFullYear());
          const judgedIn = siteZone ?? 'each CronJob’s own zone';
          if (missed.length > 0) {
            return {
              ...subject,
              status: status(true),
              details: { ...details, weekdaysWithoutFull: missed.length },
              message: `data store ${store.name}: no full backup on ${weekday} ${listDates(missed)} (${judgedIn}; plan: backup.full.weekday = ${weekday}); spec[0].schedule: ${schedules}`,
            };
          }
          return {
            ...subject,
            status: 'pass' as const,
            details,
            message: `data store ${store.name}: full backup every ${weekday} (${judgedIn}), at most ${formatHours(hours)} apart (${schedules})`,
          };
        });
    });
  },
};
