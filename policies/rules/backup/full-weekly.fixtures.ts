import type { RuleFixtures } from '../fixtures';
import { workload } from '../fixture-builders';
import { LABELS, LABEL_VALUES } from '../../labels';
import { BACKUP_LABEL, DATA_STORE_LABEL } from './facts';
import { backupCronJob, compliantStore, dataStoreStatefulSet, terraform } from './fixture-builders';

const medicalRecords = { [LABELS.dataClass]: LABEL_VALUES.medicalRecord };
const notMedical = { medical: false };

export const backupFullWeeklyFixtures: RuleFixtures = {
  ruleId: 'backup/full-weekly',
  pass: [
    {
      name: 'full every Sunday 01:00',
      terraform: compliantStore('his-db'),
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'data store his-db: full backup every Sunday (Asia/Shanghai), at most 168 h (7 days) apart ("0 1 * * 0" Asia/Shanghai)',
    },
    {
      name: 'fulls on Sunday and Wednesday (stricter than the plan)',
      terraform: compliantStore('his-db', { full: { schedule: '0 1 * * 0,3' } }),
      message: 'full backup every Sunday (Asia/Shanghai), at most 96 h (4 days) apart',
    },
    { name: 'a full every day', terraform: compliantStore('his-db', { full: { schedule: '0 1 * * *' } }), message: 'at most 24 h apart' },
    {
      name: 'weekly full in New York: Sunday 01:00 there is Sunday afternoon at the site (169 h across the clock change)',
      terraform: compliantStore('emr-db', { full: { timeZone: 'America/New_York' } }),
      message: 'data store emr-db: full backup every Sunday (Asia/Shanghai), at most 169 h apart ("0 1 * * 0" America/New_York)',
    },
    {
      name: 'two full jobs a week, the gaps counted across both',
      terraform: terraform(
        compliantStore('his-db', { full: { schedule: '0 1 * * 3' } }),
        backupCronJob('his-db', 'full', { resourceName: 'his-db-backup-full-sunday' }),
      ),
      message: 'at most 96 h (4 days) apart ("0 1 * * 3" Asia/Shanghai + "0 1 * * 0" Asia/Shanghai)',
    },
    {
      name: 'a CronJob with a backup label of no known kind is no backup job',
      terraform: terraform(
        compliantStore('his-db'),
        workload('kubernetes_cron_job_v1', 'cache-snapshot', { labels: { [BACKUP_LABEL]: 'snapshot', [DATA_STORE_LABEL]: 'cache-db', ...medicalRecords } }),
      ),
      resource: 'kubernetes_stateful_set_v1.his-db',
    },
    {
      name: 'a CronJob without a backup label is no backup job',
      terraform: terraform(compliantStore('his-db'), workload('kubernetes_cron_job_v1', 'his-report', { labels: medicalRecords })),
      resource: 'kubernetes_stateful_set_v1.his-db',
    },
    {
      name: 'the store is the StatefulSet the backups connect to, whatever its data-store label says',
      terraform: terraform(
        workload('kubernetes_stateful_set_v1', 'emr-postgres', { namespace: 'clinical-data', labels: { [DATA_STORE_LABEL]: 'emr-db', ...medicalRecords } }),
        backupCronJob('emr-db', 'full', { dbHost: 'emr-postgres-0.emr-postgres.clinical-data.svc' }),
        backupCronJob('emr-db', 'incremental', { dbHost: 'emr-postgres-0.emr-postgres.clinical-data.svc' }),
      ),
      resource: 'kubernetes_stateful_set_v1.emr-postgres',
      message: 'data store emr-postgres: full backup every Sunday',
    },
    {
      name: 'a restore drill of another site’s store makes no store here',
      environment: 'dr',
      terraform: terraform(compliantStore('ris-db', {}, 'dr'), backupCronJob('his-db', 'restore-drill', { site: 'dr' })),
      resource: 'kubernetes_stateful_set_v1.ris-db',
    },
  ],
  fail: [
    {
      name: 'full backup on Monday instead of Sunday',
      terraform: compliantStore('his-db', { full: { schedule: '0 1 * * 1' } }),
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'data store his-db: no full backup on Sunday ',
    },
    {
      name: 'full backup on Sunday evening UTC, Monday morning at the site',
      terraform: compliantStore('his-db', { full: { schedule: '0 20 * * 0', timeZone: 'UTC' } }),
      message: '(Asia/Shanghai; plan: backup.full.weekday = Sunday); spec[0].schedule: "0 20 * * 0" UTC',
    },
    {
      name: 'the full job runs an incremental backup (its argument says so)',
      terraform: compliantStore('his-db', { full: { args: { backup: ['incremental'] } } }),
      message: 'data store his-db: no CronJob runs a full backup of it',
    },
    {
      name: 'the full job runs no backup step',
      terraform: compliantStore('his-db', { full: { steps: ['canary', 'copy-local', 'offsite-copy'] } }),
      message:
        'kubernetes_cron_job_v1.his-db-backup-full is labelled a full job of his-db, but it runs no backup step (containers: canary, copy-local, offsite-copy)',
    },
    {
      name: 'a plan store labelled without medical records in production, fulls monthly',
      terraform: terraform(dataStoreStatefulSet('lis-db', notMedical), backupCronJob('lis-db', 'full', { ...notMedical, schedule: '0 1 1 * *' })),
      message: 'data store lis-db: full backups are up to 744 h (31 days) apart',
    },
    {
      name: 'a medical StatefulSet without a data-store label is a store of its own name',
      terraform: terraform(workload('kubernetes_stateful_set_v1', 'ris-db', { labels: medicalRecords })),
      resource: 'kubernetes_stateful_set_v1.ris-db',
      message: 'data store ris-db: no CronJob runs a full backup of it',
    },
    {
      name: 'full on the 1st of the month only',
      terraform: compliantStore('his-db', { full: { schedule: '0 1 1 * *' } }),
      message: 'data store his-db: full backups are up to 744 h (31 days) apart ("0 1 1 * *" Asia/Shanghai), more than a week',
    },
    {
      name: 'no full backup job',
      terraform: terraform(backupCronJob('lis-db', 'incremental')),
      resource: 'kubernetes_cron_job_v1.lis-db-backup-incremental',
      message: 'data store lis-db: no CronJob runs a full backup of it',
    },
    {
      name: 'a medical store without any backup job',
      terraform: terraform(dataStoreStatefulSet('pacs-index-db')),
      resource: 'kubernetes_stateful_set_v1.pacs-index-db',
      message: 'no CronJob runs a full backup of it',
    },
    {
      name: 'full job suspended',
      terraform: compliantStore('his-db', { full: { suspend: true } }),
      message: 'data store his-db: full backup schedule cannot be judged: no CronJob that runs (none, or all suspended)',
    },
  ],
  skip: [
    {
      name: 'a store without medical records and without a full backup',
      terraform: terraform(dataStoreStatefulSet('cache', notMedical), backupCronJob('cache', 'incremental', notMedical)),
      resource: 'kubernetes_stateful_set_v1.cache',
      message: 'data store cache: no CronJob runs a full backup of it',
    },
    {
      name: 'a store without medical records, full backups monthly',
      terraform: terraform(backupCronJob('cache', 'full', { medical: false, schedule: '0 1 1 * *' })),
      message: 'full backups are up to 744 h (31 days) apart',
    },
    {
      name: 'a store without medical records whose full schedule cannot be judged',
      terraform: terraform(backupCronJob('cache', 'full', { medical: false, timeZone: null })),
      message: 'full backup schedule cannot be judged',
    },
    {
      name: 'staging holds test data: a plan store labelled without medical records, full on Monday',
      environment: 'staging',
      terraform: terraform(dataStoreStatefulSet('his-db', notMedical), backupCronJob('his-db', 'full', { ...notMedical, schedule: '0 1 * * 1' })),
      message: 'data store his-db: no full backup on Sunday',
    },
  ],
};
