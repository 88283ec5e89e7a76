import { CRON_JOB_TYPES } from '../../kubernetes';
import type { Estate, EstateRule } from '../../model';
import { planOf } from '../../plan/facts';
import { copiesOf, unplacedNote, type OffsiteCopy } from './copies';
import { annotation, BACKUP_ANNOTATIONS, backupJobs, dataStoresOf, subjectOf, type BackupJob, type DataStoreFacts } from './facts';
import { gapOfJobs } from './job-gaps';
import { listDates, MAX_MONTH_GAP_HOURS, monthsWithoutRun } from './plan-schedule';
import { describeLocation, sameLocation } from './runtime';
import { formatHours } from './schedule-gaps';
import { siteOfEnvironment } from './sites';

/** 31 days (the longest month) plus a daylight-saving hour. */
export const MAX_DRILL_GAP_HOURS = MAX_MONTH_GAP_HOURS;

/** The off-site copies every backup job of a store writes (a drill must restore a place holding the whole chain). */
export function offsiteCopiesOf(store: DataStoreFacts, estate: Estate): readonly OffsiteCopy[] {
  const backups = store.jobs.filter((job) => job.kind === 'full' || job.kind === 'incremental');
  const [first, ...rest] = backups.map((job) => copiesOf(job, estate).offsite);
  if (!first) return [];
  return first.filter((copy) => rest.every((others) => others.some((other) => sameLocation(other.location, copy.location))));
}

/** Every restore-drill CronJob of the estate (by what runs), listed once per estate. */
const drillLists = new WeakMap<Estate, readonly BackupJob[]>();
function allDrills(estate: Estate): readonly BackupJob[] {
  let drills = drillLists.get(estate);
  if (!drills) drillLists.set(estate, (drills = backupJobs(estate).filter((job) => job.kind === 'restore-drill')));
  return drills;
}

/** Restore drills in other environments that fetch one of the store's off-site copies. */
export function drillsOf(store: DataStoreFacts, estate: Estate): { drill: BackupJob; copy: OffsiteCopy }[] {
  const copies = offsiteCopiesOf(store, estate);
  if (copies.length === 0) return [];
  return allDrills(estate)
    .filter((job) => job.resource.environment !== store.environment)
    .flatMap((drill) => {
      const copy = copies.find((candidate) => drill.run.pulls.some((pull) => sameLocation(pull.from, candidate.location)));
      return copy ? [{ drill, copy }] : [];
    });
}

/** Why a drill that fetches the copy does not prove it, or undefined when it does (the schedule aside). */
function drillProblem(drill: BackupJob, copy: OffsiteCopy, estate: Estate): string | undefined {
  const where = `${drill.resource.environment}/${drill.resource.address}`;
  const site = siteOfEnvironment(planOf(estate), drill.resource.environment);
  if (site?.key !== copy.site.key)
    return `${where} runs ${site ? `at site ${site.key}` : 'at no site of the plan'}, not at site ${copy.site.key} that holds ${describeLocation(copy.location)}`;
  const pull = drill.run.pulls.find((candidate) => sameLocation(candidate.from, copy.location))!;
  const restore = drill.run.restores.find((step) => step.order > pull.step.order);
  if (!restore) return `${where} fetches ${describeLocation(copy.location)} (${pull.step.name}) but no later container restores it`;
  if (!drill.run.verifies.some((step) => step.order >= restore.order))
    return `${where} restores the copy (${restore.name}) but no container verifies the restored data`;
  return undefined;
}

export const backupRestoreDrillMonthly: EstateRule = {
  id: 'backup/restore-drill-monthly',
  profile: 'platform',
  title: 'Off-site backups of medical data stores are restored in a drill every month',
  severity: 'high',
  rationale:
    'A backup nobody has restored is a hope, not a backup. The operations plan asks for a monthly off-site restore drill that verifies integrity. Proved from what ' +
    'runs: a CronJob at the site that holds the off-site copy fetches exactly the place the backups copy to (endpoint, bucket and prefix), a later container ' +
    'restores it into a scratch instance and one verifies it; it runs in every month of the year. A drill that fetches the backed-up site’s own store, another ' +
    'bucket or /dev/null proves nothing.',
  remediation:
    'In the environment the copies land in (the off-site object store’s site), declare dataStores.<name>.backup.restoreDrill with sourceEnvironment set to the ' +
    'backed-up environment, source set to the same endpoint, bucket and prefix as that environment’s offsite target, and a monthly schedule such as "0 10 1 * *".',
  resourceTypes: CRON_JOB_TYPES,
  controls: { mlps: ['8.1.4.9'], hipaa: ['164.308(a)(7)(ii)(D)', '164.308(a)(7)(ii)(B)'], operationsPlan: 'ops-7.1' },
  planKeys: ['backup.restoreDrill.every', 'backup.sites', 'medicalRecordStores'],
  scope: 'estate',
  evaluate(estate) {
    const plan = planOf(estate);
    const allDrills = backupJobs(estate).filter((job) => job.kind === 'restore-drill' || job.labelKind === 'restore-drill');
    return estate.environments.flatMap((environment) =>
      dataStoresOf(estate, environment)
        .filter((store) => store.medical)
        .map((store) => {
          const subject = { ...subjectOf(store), environment };
          // Drills that name this store by their labels, whatever they fetch: named in messages.
          const named = allDrills.filter(
            (drill) =>
              drill.labelStore === store.name &&
              annotation(drill.annotations, BACKUP_ANNOTATIONS.drillSourceEnvironment) === environment &&
              drill.resource.environment !== environment,
          );
          const fetching = (drill: BackupJob): string => {
            const sources = drill.run.pulls.map((pull) => describeLocation(pull.from));
            return `${drill.resource.environment}/${drill.resource.address} fetches ${sources.join(', ') || 'nothing'}`;
          };
          const copies = offsiteCopiesOf(store, estate);
          const unplaced = unplacedNote(estate, environment);
          if (copies.length === 0 && unplaced) return { ...subject, status: 'not-applicable' as const, message: `data store ${store.name}: ${unplaced}` };
          if (copies.length === 0) {
            return {
              ...subject,
              status: 'fail' as const,
              message: `data store ${store.name}: its backups write no common off-site copy (see backup/offsite-copy), so no drill can restore one`,
            };
          }
          const wanted = copies.map((copy) => describeLocation(copy.location)).join(' or ');
          const found = drillsOf(store, estate);
          const judged = found.map((entry) => ({ ...entry, problem: drillProblem(entry.drill, entry.copy, estate) }));
          const valid = judged.filter((entry) => !entry.problem && !entry.drill.suspended);
          if (valid.length === 0) {
            const siteEnvironments = [...new Set(copies.flatMap((copy) => copy.site.environments))];
            const reasons = [
              ...judged.map((entry) => entry.problem ?? `${entry.drill.resource.environment}/${entry.drill.resource.address} is suspended`),
              ...named.filter((drill) => !found.some((entry) => entry.drill === drill)).map((drill) => `${fetching(drill)}, not the off-site copy`),
            ];
            if (reasons.length === 0 && !siteEnvironments.some((candidate) => estate.environments.includes(candidate))) {
              return {
                ...subject,
                status: 'not-applicable' as const,
                message: `data store ${store.name}: the restore drill is expected in environment ${siteEnvironments.join(' or ') || `(none at site ${copies[0]!.site.key})`}, which is not part of this check (check both environments together)`,
              };
            }
            return {
              ...subject,
              status: 'fail' as const,
              message: `data store ${store.name}: no restore drill restores its off-site copy ${wanted} at site ${copies.map((copy) => copy.site.key).join(' or ')}${reasons.length ? `: ${reasons.join('; ')}` : ` (expected a restore-drill CronJob in ${siteEnvironments.join(' or ')})`}`,
            };
          }
          const drills = valid.map((entry) => entry.drill);
          const result = gapOfJobs(drills);
          if (!result.ok)
            return { ...subject, status: 'fail' as const, message: `data store ${store.name}: restore drill schedule cannot be judged: ${result.problem}` };
          const hours = result.gap.maxGapHours;
          const where = [...new Set(drills.map((drill) => `${drill.resource.environment}/${drill.resource.address}`))].join(', ');
          const details = { dataStore: store.name, drillGapHours: Number.isFinite(hours) ? hours : null, limitHours: MAX_DRILL_GAP_HOURS, drills: where };
          if (hours > MAX_DRILL_GAP_HOURS) {
            return {
              ...subject,
              status: 'fail' as const,
              details,
              message: `data store ${store.name}: restore drills (${where}) are up to ${formatHours(hours)} apart, more than a month (plan: backup.restoreDrill.every = month)`,
            };
          }
          const siteZone = siteOfEnvironment(plan, drills[0]!.resource.environment)?.timeZone;
          const missed = monthsWithoutRun(result.schedules, siteZone, result.gap.windowStart.getUTCFullYear());
          if (missed.length > 0) {
            return {
              ...subject,
              status: 'fail' as const,
              details,
              message: `data store ${store.name}: no restore drill (${where}) runs in ${listDates(missed)} (plan: backup.restoreDrill.every = month)`,
            };
          }
          return {
            ...subject,
            status: 'pass' as const,
            details,
            message: `data store ${store.name}: restore drill ${where} restores ${wanted} every month, at most ${formatHours(hours)} apart`,
          };
        }),
    );
  },
};
