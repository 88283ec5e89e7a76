import { CRON_JOB_TYPES } from '../../kubernetes';
import type { EstateRule } from '../../model';
import { planOf } from '../../plan/facts';
import { dataStoresOf, subjectOf, whatItRuns, type BackupJob, type DataStoreFacts } from '../backup/facts';
import { gapOfJobs } from '../backup/job-gaps';
import { listDates, MAX_MONTH_GAP_HOURS, monthsWithoutRun } from '../backup/plan-schedule';
import { describeLocation } from '../backup/runtime';
import { formatHours } from '../backup/schedule-gaps';
import { siteOfEnvironment } from '../backup/sites';

type Result = ReturnType<EstateRule['evaluate']>[number];

/** Why an archive job does not keep its copy locked long enough, or undefined; with the figures it proves. */
function archiveProblem(job: BackupJob, store: DataStoreFacts, years: number): { problem?: string; retentionYears?: number; mode?: string; bucket?: string } {
  const outputs = store.jobs.flatMap((backup) => backup.run.backups.map((engine) => engine.output));
  const destinations = job.run.pushes
    .filter((push) => push.to.kind === 'object-store' && outputs.length > 0)
    .map((push) => push.to as Extract<typeof push.to, { kind: 'object-store' }>);
  if (destinations.length === 0)
    return {
      problem: `${job.resource.address} copies to ${job.run.pushes.map((push) => describeLocation(push.to)).join(', ') || 'nothing'}, not to an object store with object lock`,
    };
  const bucket = destinations[0]!;
  const checks = job.run.lockChecks.filter((check) => check.endpoint?.kind === 'object-store' && check.endpoint.medium === bucket.medium);
  if (checks.length === 0) {
    const elsewhere = job.run.lockChecks.map((check) => (check.endpoint ? describeLocation(check.endpoint) : check.problems.join(', ')));
    return {
      bucket: bucket.medium,
      problem: `${job.resource.address} archives to ${describeLocation(bucket)} but no container checks that bucket's object lock${elsewhere.length ? ` (lock checks look at ${elsewhere.join(', ')})` : ''}`,
    };
  }
  for (const check of checks) {
    const step = `${check.step.path} (${check.step.name})`;
    if (check.problems.length > 0) return { bucket: bucket.medium, problem: `${step}: ${check.problems.join('; ')}; failing closed` };
    if (check.mode !== 'COMPLIANCE')
      return {
        bucket: bucket.medium,
        mode: check.mode,
        problem: `${step} env OBJECT_LOCK_MODE is ${check.mode}; expected COMPLIANCE so no one can delete the archive or shorten its retention`,
      };
    if (check.years! < years) {
      return {
        bucket: bucket.medium,
        mode: check.mode,
        retentionYears: check.years!,
        problem: `archive retention is ${check.years} years (${step} env RETENTION_YEARS); medical records must be kept at least ${years} years (plan: retention.medicalRecordsYears)`,
      };
    }
  }
  return { bucket: bucket.medium, mode: 'COMPLIANCE', retentionYears: Math.min(...checks.map((check) => check.years!)) };
}

export const retentionMedicalRecords: EstateRule = {
  id: 'retention/medical-records',
  profile: 'platform',
  title: 'Medical records are archived every month to write-once storage kept at least 30 years',
  severity: 'high',
  rationale:
    'Inpatient medical records must be kept for at least 30 years. Each medical-record store’s backups are archived every month to a bucket with object lock in ' +
    'COMPLIANCE mode (nobody, not even an administrator, can delete or shorten it). Proved from what runs: an archive CronJob copies the folder the store’s backup ' +
    'writes to an object store, and its lock-check containers demand COMPLIANCE mode and at least the plan’s years of that same bucket (OBJECT_LOCK_MODE, ' +
    'RETENTION_YEARS); annotations saying so prove nothing.',
  remediation:
    'Declare dataStores.<name>.backup.targets.archive with objectLock.mode COMPLIANCE, set dataStores.<name>.backup.retentionYears to at least the plan’s years, and ' +
    'schedule the archive monthly (dataStores.<name>.backup.schedules.archive, e.g. "0 6 1 * *").',
  resourceTypes: CRON_JOB_TYPES,
  controls: { mlps: ['8.1.4.9', '8.1.4.10'], hipaa: ['164.308(a)(7)(ii)(A)', '164.310(d)(1)'], pipl: ['Art. 51'], operationsPlan: 'ops-7.3' },
  planKeys: ['retention.medicalRecordsYears', 'backup.archive.every', 'medicalRecordStores'],
  scope: 'estate',
  evaluate(estate) {
    const plan = planOf(estate);
    const years = plan.retention.medicalRecordsYears;
    const results: Result[] = [];
    for (const environment of estate.environments) {
      for (const store of dataStoresOf(estate, environment)) {
        if (!store.medical) continue;
        const archives = store.jobs.filter((job) => job.kind === 'archive' && !job.suspended);
        const subject = { ...(archives[0] ? { resource: archives[0].resource.address, file: archives[0].resource.file } : subjectOf(store)), environment };
        if (archives.length === 0) {
          const claimed = store.claims
            .filter((job) => job.labelKind === 'archive')
            .map((job) => `; ${job.resource.address} is labelled its archive, but ${whatItRuns(job)}`);
          const suspended = store.jobs.some((job) => job.kind === 'archive') ? ' (its archive CronJobs are suspended)' : '';
          results.push({
            ...subject,
            status: 'fail',
            message: `data store ${store.name} holds medical records but no CronJob archives its backups${suspended}${claimed.join('')}`,
          });
          continue;
        }
        const judged = archives.map((job) => ({ job, ...archiveProblem(job, store, years) }));
        const locked = judged.filter((entry) => !entry.problem);
        if (locked.length === 0) {
          const worst = judged[0]!;
          const details = { dataStore: store.name, retentionYears: worst.retentionYears ?? null, minimumYears: years, objectLock: worst.mode ?? null };
          results.push({
            ...subject,
            resource: worst.job.resource.address,
            file: worst.job.resource.file,
            details,
            status: 'fail',
            message: `data store ${store.name}: ${worst.problem!}`,
          });
          continue;
        }
        const best = locked.sort((a, b) => b.retentionYears! - a.retentionYears!)[0]!;
        const details = { dataStore: store.name, retentionYears: best.retentionYears!, minimumYears: years, objectLock: 'COMPLIANCE' };
        const at = { ...subject, resource: best.job.resource.address, file: best.job.resource.file, details };
        const schedule = gapOfJobs(locked.map((entry) => entry.job));
        if (!schedule.ok) {
          results.push({ ...at, status: 'fail', message: `data store ${store.name}: archive schedule cannot be judged: ${schedule.problem}` });
          continue;
        }
        const hours = schedule.gap.maxGapHours;
        const missed = monthsWithoutRun(schedule.schedules, siteOfEnvironment(plan, environment)?.timeZone, schedule.gap.windowStart.getUTCFullYear());
        if (hours > MAX_MONTH_GAP_HOURS || missed.length > 0) {
          const when = missed.length > 0 ? `no archive runs in ${listDates(missed)}` : `archives are up to ${formatHours(hours)} apart`;
          results.push({
            ...at,
            status: 'fail',
            message: `data store ${store.name}: ${when} (plan: backup.archive.every = month); spec[0].schedule: ${schedule.schedules.map((entry) => `"${entry.schedule}" ${entry.timeZone}`).join(' + ')}`,
          });
          continue;
        }
        results.push({
          ...at,
          status: 'pass',
          message: `data store ${store.name}: archived monthly, kept ${best.retentionYears} years under COMPLIANCE object lock`,
        });
      }
    }
    return results;
  },
};
