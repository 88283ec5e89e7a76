import { CRON_JOB_TYPES } from '../../kubernetes';
import type { EstateRule } from '../../model';
import { annotation, BACKUP_ANNOTATIONS, backupJobs, dataStoresOf, subjectOf } from './facts';
import { gapOfJobs } from './job-gaps';
import { formatHours } from './schedule-gaps';

/** 31 days (the longest month) plus a daylight-saving hour. */
export const MAX_DRILL_GAP_HOURS = 31 * 24 + 1;

export const backupRestoreDrillMonthly: EstateRule = {
  id: 'backup/restore-drill-monthly',
  profile: 'platform',
  title: 'Off-site backups of medical data stores are restored in a drill every month',
  severity: 'high',
  rationale:
    'A backup nobody has restored is a hope, not a backup. The operations plan asks for a monthly off-site restore drill that verifies integrity: ' +
    'the drill CronJob runs at the site holding the off-site copy, restores the latest full backup plus incrementals into a scratch instance and fails on any mismatch.',
  remediation:
    'In the environment the copies land in (the off-site target\'s site), declare dataStores.<name>.backup.restoreDrill with sourceEnvironment set to the ' +
    'backed-up environment, source set to the same bucket as that environment\'s offsite target, and a monthly schedule such as "0 10 1 * *".',
  resourceTypes: CRON_JOB_TYPES,
  controls: { mlps: ['8.1.4.9'], hipaa: ['164.308(a)(7)(ii)(D)', '164.308(a)(7)(ii)(B)'], operationsPlan: 'ops-7.1' },
  scope: 'estate',
  evaluate(estate) {
    const drills = backupJobs(estate).filter((job) => job.kind === 'restore-drill');
    return estate.environments.flatMap((environment) =>
      dataStoresOf(estate, environment)
        .filter((store) => store.medical)
        .map((store) => {
          const subject = { ...subjectOf(store), environment };
          const backups = store.jobs.filter((job) => job.kind === 'full' || job.kind === 'incremental');
          const offsite = backups.map((job) => annotation(job.annotations, BACKUP_ANNOTATIONS.offsiteTarget)).find(Boolean);
          const site = backups.map((job) => annotation(job.annotations, BACKUP_ANNOTATIONS.offsiteSite)).find(Boolean);
          const named = drills.filter(
            (drill) => drill.dataStore === store.name && annotation(drill.annotations, BACKUP_ANNOTATIONS.drillSourceEnvironment) === environment,
          );
          // The drill proves the off-site copy: it must run at another site (the off-site one when known).
          const mine = named.filter((drill) => drill.resource.environment !== environment && (!site || drill.resource.environment === site));
          if (mine.length === 0 && named.length > 0) {
            return {
              ...subject,
              status: 'fail' as const,
              message: `data store ${store.name}: its restore drill runs in ${[...new Set(named.map((drill) => drill.resource.environment))].join(', ')}, not at the off-site site ${site ?? '(unstated)'} that holds the copy`,
            };
          }
          if (mine.length === 0) {
            if (site && !estate.environments.includes(site)) {
              return {
                ...subject,
                status: 'not-applicable' as const,
                message: `data store ${store.name}: the restore drill is expected in environment ${site}, which is not part of this check (check both environments together)`,
              };
            }
            return {
              ...subject,
              status: 'fail' as const,
              message: `data store ${store.name}: no restore-drill CronJob (label platform.hospital/backup=restore-drill, annotation ${BACKUP_ANNOTATIONS.drillSourceEnvironment}=${environment}) restores its backups${site ? ` (expected in environment ${site})` : ''}`,
            };
          }
          const result = gapOfJobs(mine);
          if (!result.ok) return { ...subject, status: 'fail' as const, message: `data store ${store.name}: restore drill schedule cannot be judged: ${result.problem}` };
          const hours = result.gap.maxGapHours;
          const where = [...new Set(mine.map((drill) => `${drill.resource.environment}/${drill.resource.address}`))].join(', ');
          const details = { dataStore: store.name, drillGapHours: Number.isFinite(hours) ? hours : null, limitHours: MAX_DRILL_GAP_HOURS, drills: where };
          if (hours > MAX_DRILL_GAP_HOURS) {
            return { ...subject, status: 'fail' as const, details, message: `data store ${store.name}: restore drills (${where}) are up to ${formatHours(hours)} apart, more than a month` };
          }
          const sources = mine.map((drill) => annotation(drill.annotations, BACKUP_ANNOTATIONS.drillSource));
          if (offsite && !sources.includes(offsite)) {
            return {
              ...subject,
              status: 'fail' as const,
              details,
              message: `data store ${store.name}: the restore drill (${where}) restores ${sources.filter(Boolean).join(', ') || 'an unstated source'}, not the off-site copy ${offsite}`,
            };
          }
          return { ...subject, status: 'pass' as const, details, message: `data store ${store.name}: restore drill ${where} at most ${formatHours(hours)} apart` };
        }),
    );
  },
};
