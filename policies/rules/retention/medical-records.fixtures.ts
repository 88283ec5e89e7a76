import type { RuleFixtures } from '../fixtures';
import { BACKUP_ANNOTATIONS } from '../backup/facts';
import { backupCronJob, compliantStore, terraform } from '../backup/fixture-builders';

const years = (value: string | null) => ({ annotations: { [BACKUP_ANNOTATIONS.retentionYears]: value } });

export const retentionMedicalRecordsFixtures: RuleFixtures = {
  ruleId: 'retention/medical-records',
  pass: [
    {
      name: '30 years under COMPLIANCE lock',
      terraform: compliantStore('his-db'),
      resource: 'kubernetes_cron_job_v1.his-db-archive',
      message: 'data store his-db: archived monthly, kept 30 years under COMPLIANCE object lock',
    },
    { name: '50 years configured', terraform: compliantStore('emr-db', { archive: years('50') }), message: 'kept 50 years' },
    {
      name: 'the longest of two archives counts (a 10-year copy beside a 30-year one)',
      terraform: terraform(compliantStore('his-db', { archive: years('10') }), backupCronJob('his-db', 'archive', { resourceName: 'his-db-archive-long-term', ...years('30') })),
      resource: 'kubernetes_cron_job_v1.his-db-archive-long-term',
      message: 'kept 30 years',
    },
    {
      name: 'an archive without a retention figure beside a 30-year one',
      terraform: terraform(compliantStore('his-db', { archive: years(null) }), backupCronJob('his-db', 'archive', { resourceName: 'his-db-archive-long-term' })),
      resource: 'kubernetes_cron_job_v1.his-db-archive-long-term',
      message: 'kept 30 years',
    },
  ],
  fail: [
    {
      name: '10-year archive',
      terraform: compliantStore('his-db', { archive: years('10') }),
      resource: 'kubernetes_cron_job_v1.his-db-archive',
      message: 'archive retention is 10 years; medical records must be kept at least 30 years',
    },
    { name: 'one year short: 29 years', terraform: compliantStore('his-db', { archive: years('29') }), message: 'archive retention is 29 years' },
    {
      name: 'GOVERNANCE lock can be bypassed',
      terraform: compliantStore('his-db', { archive: { annotations: { [BACKUP_ANNOTATIONS.objectLock]: 'GOVERNANCE' } } }),
      message: 'archive object lock is GOVERNANCE (metadata[0].annotations["platform.hospital/archive-object-lock"]); expected COMPLIANCE',
    },
    {
      name: 'no object lock annotation',
      terraform: compliantStore('his-db', { archive: { annotations: { [BACKUP_ANNOTATIONS.objectLock]: null } } }),
      resource: 'kubernetes_cron_job_v1.his-db-archive',
      message: 'archive object lock is unset',
    },
    {
      name: 'no archive job',
      terraform: terraform(backupCronJob('lis-db', 'full'), backupCronJob('lis-db', 'incremental')),
      resource: 'kubernetes_cron_job_v1.lis-db-backup-incremental',
      message: 'data store lis-db holds medical records but no (unsuspended) CronJob labelled platform.hospital/backup=archive',
    },
    {
      name: 'the only archive job is suspended',
      terraform: compliantStore('his-db', { archive: { suspend: true } }),
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'no (unsuspended) CronJob labelled platform.hospital/backup=archive',
    },
    {
      name: 'retention annotation missing',
      terraform: compliantStore('his-db', { archive: years(null) }),
      resource: 'kubernetes_cron_job_v1.his-db-archive',
      message: 'metadata[0].annotations["platform.hospital/retention-years"] is unset or not a number',
    },
    { name: 'retention annotation not a number', terraform: compliantStore('his-db', { archive: years('thirty') }), message: 'is unset or not a number' },
  ],
};
