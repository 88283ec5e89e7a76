import { CRON_JOB_TYPES } from '../../kubernetes';
import type { EstateRule } from '../../model';
import { dataStoresOf, subjectOf } from './facts';
import { gapOfJobs } from './job-gaps';
import { formatHours } from './schedule-gaps';

/** 7 days, plus the hour a daylight-saving change can add to a week ("every Sunday" stays weekly). */
export const MAX_FULL_GAP_HOURS = 7 * 24 + 1;

export const backupFullWeekly: EstateRule = {
  id: 'backup/full-weekly',
  profile: 'platform',
  title: 'Medical data stores get a full backup every week',
  severity: 'high',
  rationale:
    'Incremental backups chain on the last full one: a weekly full bounds the chain a restore has to replay (and the damage of one corrupt incremental), ' +
    'as the operations plan asks (full backup every Sunday).',
  remediation:
    'Add a CronJob labelled platform.hospital/backup=full for the data store that runs at least weekly, e.g. "0 1 * * 0" with spec.timezone set ' +
    '(environments/<env>.yaml dataStores.<name>.backup.schedules.full).',
  resourceTypes: CRON_JOB_TYPES,
  controls: { mlps: ['8.1.4.9'], hipaa: ['164.308(a)(7)(ii)(A)'], operationsPlan: 'ops-7.1' },
  scope: 'estate',
  evaluate(estate) {
    return estate.environments.flatMap((environment) =>
      dataStoresOf(estate, environment)
        .filter((store) => store.jobs.length > 0 || store.medical)
        .map((store) => {
          const subject = { ...subjectOf(store), environment };
          const fulls = store.jobs.filter((job) => job.kind === 'full');
          const status = (failed: boolean) => (failed ? (store.medical ? ('fail' as const) : ('not-applicable' as const)) : ('pass' as const));
          if (fulls.length === 0) return { ...subject, status: status(true), message: `data store ${store.name} has no CronJob labelled platform.hospital/backup=full` };
          const result = gapOfJobs(fulls);
          if (!result.ok) return { ...subject, status: status(true), message: `data store ${store.name}: full backup schedule cannot be judged: ${result.problem}` };
          const hours = result.gap.maxGapHours;
          const details = { dataStore: store.name, fullGapHours: Number.isFinite(hours) ? hours : null, limitHours: MAX_FULL_GAP_HOURS };
          const schedules = result.schedules.map((entry) => `"${entry.schedule}" ${entry.timeZone}`).join(' + ');
          return hours <= MAX_FULL_GAP_HOURS
            ? { ...subject, status: 'pass' as const, details, message: `data store ${store.name}: full backup at most ${formatHours(hours)} apart (${schedules})` }
            : { ...subject, status: status(true), details, message: `data store ${store.name}: full backups are up to ${formatHours(hours)} apart (${schedules}), more than a week` };
        }),
    );
  },
};
