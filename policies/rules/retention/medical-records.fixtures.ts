import type { RuleFixtures } from '../fixtures';
import { BACKUP_ANNOTATIONS } from '../backup/facts';
import { ARCHIVE, backupCronJob, compliantStore, dataStoreStatefulSet, terraform, type BackupJobOptions } from '../backup/fixture-builders';

const archive = (options: BackupJobOptions) => ({ archive: options });
const archiveStep = 'spec[0].job_template[0].spec[0].template[0].spec[0]';
const notMedical = { medical: false };

export const retentionMedicalRecordsFixtures: RuleFixtures = {
  ruleId: 'retention/medical-records',
  pass: [
    {
      name: '30 years under COMPLIANCE lock, archived monthly',
      terraform: compliantStore('his-db'),
      resource: 'kubernetes_cron_job_v1.his-db-archive',
      message: 'data store his-db: archived monthly, kept 30 years under COMPLIANCE object lock',
    },
    { name: '50 years configured', terraform: compliantStore('emr-db', archive({ archive: { ...ARCHIVE, years: '50' } })), message: 'kept 50 years' },
    {
      name: 'a 10-year copy beside a 30-year one: the locked 30-year archive counts',
      terraform: terraform(
        compliantStore('his-db', archive({ archive: { ...ARCHIVE, years: '10' } })),
        backupCronJob('his-db', 'archive', { resourceName: 'his-db-archive-long-term' }),
      ),
      resource: 'kubernetes_cron_job_v1.his-db-archive-long-term',
      message: 'kept 30 years',
    },
    {
      name: 'the annotation says 10 years, the containers demand 30 (the containers count)',
      terraform: compliantStore(
        'his-db',
        archive({ annotations: { [BACKUP_ANNOTATIONS.retentionYears]: '10', [BACKUP_ANNOTATIONS.objectLock]: 'GOVERNANCE' } }),
      ),
      message: 'kept 30 years under COMPLIANCE object lock',
    },
    {
      name: 'the lock verified after the copy only',
      terraform: compliantStore('his-db', archive({ steps: ['archive-copy', 'verify-retention'] })),
      message: 'kept 30 years under COMPLIANCE object lock',
    },
    {
      name: 'PostgreSQL: the archive copies the folder holding the pgBackRest repository',
      terraform: compliantStore('emr-db', { full: { engine: 'postgresql' }, incremental: { engine: 'postgresql' }, archive: { engine: 'postgresql' } }),
      message: 'data store emr-db: archived monthly',
    },
  ],
  fail: [
    {
      name: 'RETENTION_YEARS=20 in the containers while the annotation says 30',
      terraform: compliantStore('his-db', archive({ archive: { ...ARCHIVE, years: '20' } })),
      resource: 'kubernetes_cron_job_v1.his-db-archive',
      message: `data store his-db: archive retention is 20 years (${archiveStep}.init_container[0] (check-object-lock) env RETENTION_YEARS); medical records must be kept at least 30 years (plan: retention.medicalRecordsYears)`,
    },
    {
      name: 'only the verify step demands 20 years',
      terraform: compliantStore('his-db', archive({ env: { 'verify-retention': { RETENTION_YEARS: '20' } } })),
      message: `archive retention is 20 years (${archiveStep}.container[0] (verify-retention) env RETENTION_YEARS)`,
    },
    {
      name: 'one year short: 29 years',
      terraform: compliantStore('his-db', archive({ archive: { ...ARCHIVE, years: '29' } })),
      message: 'archive retention is 29 years',
    },
    {
      name: 'GOVERNANCE lock can be bypassed',
      terraform: compliantStore('his-db', archive({ archive: { ...ARCHIVE, mode: 'GOVERNANCE' } })),
      message: 'env OBJECT_LOCK_MODE is GOVERNANCE; expected COMPLIANCE so no one can delete the archive or shorten its retention',
    },
    {
      name: 'the lock checks removed',
      terraform: compliantStore('his-db', archive({ steps: ['archive-copy'] })),
      message:
        "kubernetes_cron_job_v1.his-db-archive archives to s3://archive.hospital.internal/medical-archive-prod/his-db but no container checks that bucket's object lock",
    },
    {
      name: 'the lock checks look at another bucket',
      terraform: compliantStore(
        'his-db',
        archive({ env: { 'check-object-lock': { ARCHIVE_BUCKET: 'locked-bucket' }, 'verify-retention': { ARCHIVE_BUCKET: 'locked-bucket' } } }),
      ),
      message: '(lock checks look at s3://archive.hospital.internal/locked-bucket',
    },
    {
      name: 'the archive copies to /dev/null',
      terraform: compliantStore('his-db', archive({ args: { 'archive-copy': ['/dev/null'] } })),
      message: 'kubernetes_cron_job_v1.his-db-archive copies to the null device /dev/null, not to an object store with object lock',
    },
    {
      name: 'the archive copies another store’s folder',
      terraform: compliantStore('his-db', archive({ env: { 'archive-copy': { BACKUP_ROOT: '/backup/local-a/emr-db' } } })),
      message:
        'data store his-db holds medical records but no CronJob archives its backups; kubernetes_cron_job_v1.his-db-archive is labelled its archive, but it archives pvc://clinical-data/his-db-backup-local-a/emr-db, which no backup of this store writes',
    },
    {
      name: 'RETENTION_YEARS not a number',
      terraform: compliantStore('his-db', archive({ archive: { ...ARCHIVE, years: 'thirty' } })),
      message: 'env RETENTION_YEARS is "thirty", not a whole number of years; failing closed',
    },
    {
      name: 'RETENTION_YEARS from a Secret',
      terraform: compliantStore(
        'his-db',
        archive({
          steps: ['archive-copy', 'verify-retention'],
          containers: {
            'verify-retention': {
              env: [
                { name: 'ARCHIVE_ENDPOINT', value: 'https://archive.hospital.internal' },
                { name: 'ARCHIVE_BUCKET', value: 'medical-archive-prod' },
                { name: 'OBJECT_LOCK_MODE', value: 'COMPLIANCE' },
                { name: 'RETENTION_YEARS', value_from: { secret_key_ref: { name: 'archive-policy', key: 'years' } } },
              ],
            },
          },
        }),
      ),
      message: 'verify-retention env RETENTION_YEARS: it comes from Secret archive-policy; failing closed',
    },
    {
      name: 'archive every three months',
      terraform: compliantStore('his-db', archive({ schedule: '0 6 1 */3 *' })),
      message: 'data store his-db: no archive runs in ',
    },
    {
      name: 'archive timezone unset',
      terraform: compliantStore('his-db', archive({ timeZone: null })),
      message: 'data store his-db: archive schedule cannot be judged: kubernetes_cron_job_v1.his-db-archive spec[0].timezone is unset',
    },
    {
      name: 'no archive job',
      terraform: terraform(backupCronJob('lis-db', 'full'), backupCronJob('lis-db', 'incremental')),
      resource: 'kubernetes_cron_job_v1.lis-db-backup-incremental',
      message: 'data store lis-db holds medical records but no CronJob archives its backups',
    },
    {
      name: 'the only archive job is suspended',
      terraform: compliantStore('his-db', archive({ suspend: true })),
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'no CronJob archives its backups (its archive CronJobs are suspended)',
    },
    {
      name: 'a plan store labelled without medical records in production, archived for 1 year under GOVERNANCE',
      terraform: terraform(
        dataStoreStatefulSet('his-db', notMedical),
        backupCronJob('his-db', 'full', notMedical),
        backupCronJob('his-db', 'archive', { ...notMedical, archive: { ...ARCHIVE, years: '1', mode: 'GOVERNANCE' } }),
      ),
      message: 'env OBJECT_LOCK_MODE is GOVERNANCE',
    },
  ],
};
