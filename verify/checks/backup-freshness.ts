import type { V1CronJob } from '@kubernetes/client-node';
import { CronExpressionParser } from 'cron-parser';
import { BACKUP_LABEL, DATA_STORE_LABEL } from '../../constructs/platform-labels';
import type { ClusterReader } from '../cluster';
import { type CheckResult, fail, guarded, pass } from '../result';

const CHECK = 'backup-recent';
export { BACKUP_LABEL, DATA_STORE_LABEL };
/** When a job template sets no activeDeadlineSeconds, a run gets this long to finish before we call it missed. */
export const DEFAULT_GRACE_SECONDS = 3600;

/** The backup CronJobs one data store of the environment file must have. */
export interface BackupExpectation {
  readonly dataStore: string;
  readonly namespace: string;
  readonly kinds: readonly string[];
}

/**
 * Every backup CronJob exists and its last success is no older than its latest run that should have
 * finished by now: the previous scheduled time (in the CronJob's own time zone) plus the job's active
 * deadline. Reads `status.lastSuccessfulTime`, which outlives garbage-collected Jobs.
 */
export function checkBackups(cluster: ClusterReader, expected: readonly BackupExpectation[], now: Date): Promise<readonly CheckResult[]> {
  return guarded(CHECK, `CronJobs with ${BACKUP_LABEL}`, async () => {
    const cronJobs = await cluster.listCronJobs({ labelSelector: BACKUP_LABEL });
    const present = new Set(
      cronJobs.map((cronJob) => `${cronJob.metadata?.namespace}/${cronJob.metadata?.labels?.[DATA_STORE_LABEL]}/${cronJob.metadata?.labels?.[BACKUP_LABEL]}`),
    );
    const missing = expected.flatMap(({ dataStore, namespace, kinds }) =>
      kinds
        .filter((kind) => !present.has(`${namespace}/${dataStore}/${kind}`))
        .map((kind) =>
          fail(
            CHECK,
            `${namespace}/${dataStore} (${kind})`,
            `dataStores.${dataStore} declares a ${kind} backup, but no CronJob labelled ${BACKUP_LABEL}=${kind},${DATA_STORE_LABEL}=${dataStore} exists in ${namespace}`,
          ),
        ),
    );
    if (cronJobs.length === 0 && missing.length === 0) return [fail(CHECK, BACKUP_LABEL, 'no CronJob carries the backup label')];
    return [...cronJobs.map((cronJob) => judgeCronJob(cronJob, now)), ...missing];
  });
}

export function judgeCronJob(cronJob: V1CronJob, now: Date): CheckResult {
  const subject = `${cronJob.metadata?.namespace}/${cronJob.metadata?.name}`;
  const schedule = cronJob.spec?.schedule ?? '';
  // Without spec.timeZone the controller uses kube-controller-manager's zone, which the API does not
  // expose; UTC is what managed control planes run in.
  const timeZone = cronJob.spec?.timeZone ?? 'UTC';
  const graceSeconds = cronJob.spec?.jobTemplate?.spec?.activeDeadlineSeconds ?? DEFAULT_GRACE_SECONDS;
  const scheduleText = `"${schedule}" ${timeZone}`;
  if (cronJob.spec?.suspend) return fail(CHECK, subject, `suspended (schedule ${scheduleText})`);

  let latestDue: Date;
  try {
    latestDue = CronExpressionParser.parse(schedule, { currentDate: new Date(now.getTime() - graceSeconds * 1000), tz: timeZone })
      .prev()
      .toDate();
  } catch (error) {
    return fail(CHECK, subject, `cannot evaluate schedule ${scheduleText}: ${(error as Error).message}`);
  }
  const dueBy = new Date(latestDue.getTime() + graceSeconds * 1000);
  const created = cronJob.metadata?.creationTimestamp;
  if (created && new Date(created) > latestDue) {
    return pass(CHECK, subject, `created ${iso(created)}, no run due yet (schedule ${scheduleText})`);
  }
  const last = cronJob.status?.lastSuccessfulTime;
  if (!last) return fail(CHECK, subject, `never succeeded; the run of ${iso(latestDue)} was due by ${iso(dueBy)} (schedule ${scheduleText})`);
  if (new Date(last) < latestDue) {
    return fail(CHECK, subject, `last success ${iso(last)}; the run of ${iso(latestDue)} was due by ${iso(dueBy)} (schedule ${scheduleText})`);
  }
  return pass(CHECK, subject, `last success ${iso(last)} (schedule ${scheduleText})`);
}

const iso = (value: Date | string): string => new Date(value).toISOString().replace('.000Z', 'Z');
