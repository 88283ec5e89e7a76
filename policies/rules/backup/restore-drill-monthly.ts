import { CRON_JOB_TYPES } from '../../kubernetes';
import type { Estate, EstateRule } from '../../model';
import { planOf } from '../../plan/facts';
import { copiesOf, unplacedNote, type OffsiteCopy } from './copies';
import { annotation, BACKUP_ANNOTATIONS, backupJobs, dataStoresOf, subjectOf, type BackupJob, type DataStoreFacts } from './facts';
import { gapOfJobs } from './job-gaps';
import { listDates, MAX_MONTH_GAP_HOURS, monthsWithoutRun } from './plan-schedule';
import { describeLocation, sameLocation, type Transfer } from './runtime';
import { formatHours } from './schedule-gaps';
import { siteOfEnvironment, siteOfHost } from './sites';

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

/** What a drill fetches, as messages name it (`nothing` when it fetches nothing). */
const fetchedBy = (drill: BackupJob): string => drill.run.pulls.map((pull) => describeLocation(pull.from)).join(', ') || 'nothing';

/** Why the containers after a fetch do not restore and verify it, or undefined when they do. */
function restoreProblem(drill: BackupJob, pull: Transfer): string | undefined {
  const where = `${drill.resource.environment}/${drill.resource.address}`;
  const restore = drill.run.restores.find((step) => step.order > pull.step.order);
  if (!restore) return `${where} fetches ${describeLocation(pull.from)} (${pull.step.name}) but no later container restores it`;
  if (!drill.run.verifies.some((step) => step.order >= restore.order))
    return `${where} restores the copy (${restore.name}) but no container verifies the restored data`;
  return undefined;
}

/** Why a drill that fetches the copy does not prove it, or undefined when it does (the schedule aside). */
function drillProblem(drill: BackupJob, copy: OffsiteCopy, estate: Estate): string | undefined {
  const where = `${drill.resource.environment}/${drill.resource.address}`;
  const site = siteOfEnvironment(planOf(estate), drill.resource.environment);
  if (site?.key !== copy.site.key)
    return `${where} runs ${site ? `at site ${site.key}` : 'at no site of the plan'}, not at site ${copy.site.key} that holds ${describeLocation(copy.location)}`;
  return restoreProblem(
    drill,
    drill.run.pulls.find((candidate) => sameLocation(candidate.from, copy.location))!,
  );
}

/**
 * Why a drill judged without the environment it drills does not work, or undefined when it does (the
 * schedule aside): it runs, fetches an object store of its own site (where off-site copies of the
 * other site land) and a later container restores what it fetched and one verifies it.
 */
function standaloneProblem(drill: BackupJob, estate: Estate): string | undefined {
  const where = `${drill.resource.environment}/${drill.resource.address}`;
  if (drill.suspended) return `${where} is suspended (spec.suspend: true): it never runs`;
  const plan = planOf(estate);
  const site = siteOfEnvironment(plan, drill.resource.environment);
  const fetched = drill.run.pulls.filter((pull) => pull.from.kind === 'object-store' && (!site || siteOfHost(plan, pull.from.hostname)?.key === site.key));
  if (fetched.length === 0) {
    return `${where} fetches ${fetchedBy(drill)}, not an object store${site ? ` of site ${site.key}` : ''} holding an off-site copy`;
  }
  const problems = fetched.map((pull) => restoreProblem(drill, pull));
  return problems.some((problem) => problem === undefined) ? undefined : problems[0];
}

/** Why the drills do not run in every month (plan: backup.restoreDrill.every = month), with the facts judged. */
function monthlyProblem(
  drills: readonly BackupJob[],
  estate: Estate,
  label: string,
): { problem?: string; hours?: number; details?: Record<string, unknown>; where: string } {
  const where = [...new Set(drills.map((drill) => `${drill.resource.environment}/${drill.resource.address}`))].join(', ');
  const result = gapOfJobs(drills);
  if (!result.ok) return { where, problem: `${label}: restore drill schedule cannot be judged: ${result.problem}` };
  const hours = result.gap.maxGapHours;
  const details = { drillGapHours: Number.isFinite(hours) ? hours : null, limitHours: MAX_DRILL_GAP_HOURS, drills: where };
  if (hours > MAX_DRILL_GAP_HOURS)
    return {
      where,
      hours,
      details,
      problem: `${label}: restore drills (${where}) are up to ${formatHours(hours)} apart, more than a month (plan: backup.restoreDrill.every = month)`,
    };
  const siteZone = siteOfEnvironment(planOf(estate), drills[0]!.resource.environment)?.timeZone;
  const missed = monthsWithoutRun(result.schedules, siteZone, result.gap.windowStart.getUTCFullYear());
  if (missed.length > 0)
    return { where, hours, details, problem: `${label}: no restore drill (${where}) runs in ${listDates(missed)} (plan: backup.restoreDrill.every = month)` };
  return { where, hours, details };
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
    'bucket or /dev/null proves nothing. A drill whose backed-up environment is not part of the check (one stack checked alone) is judged by what ' +
    'it runs: not suspended, it fetches an object store of its own site, restores and verifies it, in every month.',
  remediation:
    'In the environment the copies land in (the off-site object store’s site), declare dataStores.<name>.backup.restoreDrill with sourceEnvironment set to the ' +
    'backed-up environment, source set to the same endpoint, bucket and prefix as that environment’s offsite target, and a monthly schedule such as "0 10 1 * *".',
  resourceTypes: CRON_JOB_TYPES,
  controls: { mlps: ['8.1.4.9'], hipaa: ['164.308(a)(7)(ii)(D)', '164.308(a)(7)(ii)(B)'], operationsPlan: 'ops-7.1' },
  planKeys: ['backup.restoreDrill.every', 'backup.sites', 'medicalRecordStores'],
  scope: 'estate',
  evaluate(estate) {
    const allDrills = backupJobs(estate).filter((job) => job.kind === 'restore-drill' || job.labelKind === 'restore-drill');
    // Drills that name a store by their labels, whatever they fetch: named in that store's messages.
    const namedBy = (store: DataStoreFacts): BackupJob[] =>
      allDrills.filter(
        (drill) =>
          drill.labelStore === store.name &&
          annotation(drill.annotations, BACKUP_ANNOTATIONS.drillSourceEnvironment) === store.environment &&
          drill.resource.environment !== store.environment,
      );
    // Drills a store of this check accounts for (they fetch its copy, or name it); every other drill is judged on its own.
    const accounted = new Set<BackupJob>(
      estate.environments.flatMap((environment) =>
        dataStoresOf(estate, environment).flatMap((store) => [...drillsOf(store, estate).map((entry) => entry.drill), ...namedBy(store)]),
      ),
    );
    const storeFindings = estate.environments.flatMap((environment) =>
      dataStoresOf(estate, environment)
        .filter((store) => store.medical)
        .map((store) => {
          const subject = { ...subjectOf(store), environment };
          const named = namedBy(store);
          const fetching = (drill: BackupJob): string => {
            return `${drill.resource.environment}/${drill.resource.address} fetches ${fetchedBy(drill)}`;
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
          const monthly = monthlyProblem(drills, estate, `data store ${store.name}`);
          const details = monthly.details && { dataStore: store.name, ...monthly.details };
          if (monthly.problem) return { ...subject, status: 'fail' as const, ...(details ? { details } : {}), message: monthly.problem };
          return {
            ...subject,
            status: 'pass' as const,
            details,
            message: `data store ${store.name}: restore drill ${monthly.where} restores ${wanted} every month, at most ${formatHours(monthly.hours!)} apart`,
          };
        }),
    );
    return [...storeFindings, ...allDrills.filter((drill) => !accounted.has(drill)).map((drill) => judgeAlone(drill, estate))];
  },
};

/**
 * A drill whose source environment is not part of the check (a single stack checked alone, e.g.
 * `npm run check -- cdktf.out/stacks/prod/cdk.tf.json`): what it fetches cannot be matched to the
 * backed-up store's copy, but what it runs can still be proved — it runs, fetches an off-site copy at
 * its site, restores and verifies it, in every month.
 */
function judgeAlone(drill: BackupJob, estate: Estate) {
  const subject = { resource: drill.resource.address, file: drill.resource.file, environment: drill.resource.environment };
  const label = `restore drill ${drill.resource.environment}/${drill.resource.address}`;
  const problem = standaloneProblem(drill, estate);
  if (problem) return { ...subject, status: 'fail' as const, message: `no working restore drill: ${problem}` };
  const monthly = monthlyProblem([drill], estate, label);
  if (monthly.problem) return { ...subject, status: 'fail' as const, ...(monthly.details ? { details: monthly.details } : {}), message: monthly.problem };
  return {
    ...subject,
    status: 'pass' as const,
    details: monthly.details,
    message: `${label} fetches ${fetchedBy(drill)}, restores and verifies it every month, at most ${formatHours(monthly.hours!)} apart (whether that is the backed-up store's off-site copy is judged when its environment is checked with it)`,
  };
}
