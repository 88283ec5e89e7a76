import type { RuleFixtures } from '../fixtures';
import { workload } from '../fixture-builders';
import { LABELS, LABEL_VALUES } from '../../labels';
import { BACKUP_LABEL, DATA_STORE_LABEL } from './facts';
import { backupCronJob, compliantStore, dataStoreStatefulSet, terraform } from './fixture-builders';

const medicalRecords = { [LABELS.dataClass]: LABEL_VALUES.medicalRecord };

export const backupFullWeeklyFixtures: RuleFixtures = {
  ruleId: 'backup/full-weekly',
  pass: [
    {
      name: 'full every Sunday 01:00',
      terraform: compliantStore('his-db'),
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'data store his-db: full backup at most 168 h (7 days) apart ("0 1 * * 0" Asia/Shanghai)',
    },
    {
      name: 'weekly full in a DST zone (169 h across the change)',
      terraform: compliantStore('emr-db', { full: { timeZone: 'America/New_York' } }),
      message: 'data store emr-db: full backup at most 169 h apart ("0 1 * * 0" America/New_York)',
    },
    {
      name: 'two fulls a week, the gaps counted across both',
      terraform: terraform(compliantStore('his-db', { full: { schedule: '0 1 * * 3' } }), backupCronJob('his-db', 'full', { resourceName: 'his-db-backup-full-sunday' })),
      message: 'full backup at most 96 h (4 days) apart ("0 1 * * 3" Asia/Shanghai + "0 1 * * 0" Asia/Shanghai)',
    },
    {
      name: 'a CronJob with a backup label of no known kind is no backup job',
      terraform: terraform(compliantStore('his-db'), workload('kubernetes_cron_job_v1', 'cache-snapshot', { labels: { [BACKUP_LABEL]: 'snapshot', [DATA_STORE_LABEL]: 'cache-db', ...medicalRecords } })),
      resource: 'kubernetes_stateful_set_v1.his-db',
    },
    {
      name: 'a CronJob without a backup label is no backup job',
      terraform: terraform(compliantStore('his-db'), workload('kubernetes_cron_job_v1', 'his-report', { labels: medicalRecords })),
      resource: 'kubernetes_stateful_set_v1.his-db',
    },
    {
      name: 'the store named by its data-store label, not by the StatefulSet name',
      terraform: terraform(
        workload('kubernetes_stateful_set_v1', 'emr-postgres', { labels: { [DATA_STORE_LABEL]: 'emr-db', ...medicalRecords } }),
        backupCronJob('emr-db', 'full'),
        backupCronJob('emr-db', 'incremental'),
      ),
      resource: 'kubernetes_stateful_set_v1.emr-postgres',
      message: 'data store emr-db: full backup at most 168 h',
    },
    {
      name: 'a restore drill of another site’s store makes no store here',
      environment: 'dr',
      terraform: terraform(compliantStore('ris-db'), backupCronJob('his-db', 'restore-drill')),
      resource: 'kubernetes_stateful_set_v1.ris-db',
    },
  ],
  fail: [
    {
      name: 'a medical StatefulSet without a data-store label is a store of its own name',
      terraform: terraform(workload('kubernetes_stateful_set_v1', 'ris-db', { labels: medicalRecords })),
      resource: 'kubernetes_stateful_set_v1.ris-db',
      message: 'data store ris-db has no CronJob labelled platform.hospital/backup=full',
    },
    {
      name: 'full on the 1st of the month only',
      terraform: compliantStore('his-db', { full: { schedule: '0 1 1 * *' } }),
      message: 'data store his-db: full backups are up to 744 h (31 days) apart ("0 1 1 * *" Asia/Shanghai), more than a week',
    },
    { name: 'no full backup job', terraform: terraform(backupCronJob('lis-db', 'incremental')), resource: 'kubernetes_cron_job_v1.lis-db-backup-incremental', message: 'data store lis-db has no CronJob labelled platform.hospital/backup=full' },
    { name: 'a medical store without any backup job', terraform: terraform(dataStoreStatefulSet('pacs-index-db')), resource: 'kubernetes_stateful_set_v1.pacs-index-db', message: 'has no CronJob labelled platform.hospital/backup=full' },
    { name: 'full job suspended', terraform: compliantStore('his-db', { full: { suspend: true } }), message: 'data store his-db: full backup schedule cannot be judged: no CronJob that runs (none, or all suspended)' },
  ],
  skip: [
    {
      name: 'a store without medical records and without a full backup',
      terraform: terraform(dataStoreStatefulSet('cache', { medical: false }), backupCronJob('cache', 'incremental', { medical: false })),
      resource: 'kubernetes_stateful_set_v1.cache',
      message: 'data store cache has no CronJob labelled platform.hospital/backup=full',
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
  ],
};
