import type { RuleFixtures } from '../fixtures';
import { BACKUP_ANNOTATIONS } from '../backup/facts';
import { backupCronJob, compliantStore, terraform } from '../backup/fixture-builders';

export const retentionMedicalRecordsFixtures: RuleFixtures = {
  ruleId: 'retention/medical-records',
  pass: [
    { name: '30 years under COMPLIANCE lock', terraform: compliantStore('his-db'), resource: 'kubernetes_cron_job_v1.his-db-archive' },
    { name: '50 years configured', terraform: compliantStore('emr-db', { archive: { annotations: { [BACKUP_ANNOTATIONS.retentionYears]: '50' } } }) },
  ],
  fail: [
    {
      name: '10-year archive',
      terraform: compliantStore('his-db', { archive: { annotations: { [BACKUP_ANNOTATIONS.retentionYears]: '10' } } }),
      resource: 'kubernetes_cron_job_v1.his-db-archive',
      message: 'archive retention is 10 years; medical records must be kept at least 30 years',
    },
    {
      name: 'GOVERNANCE lock can be bypassed',
      terraform: compliantStore('his-db', { archive: { annotations: { [BACKUP_ANNOTATIONS.objectLock]: 'GOVERNANCE' } } }),
      message: 'expected COMPLIANCE',
    },
    {
      name: 'no archive job',
      terraform: terraform(backupCronJob('lis-db', 'full'), backupCronJob('lis-db', 'incremental')),
      message: 'no (unsuspended) CronJob labelled platform.hospital/backup=archive',
    },
    {
      name: 'retention annotation missing',
      terraform: compliantStore('his-db', { archive: { annotations: { [BACKUP_ANNOTATIONS.retentionYears]: null } } }),
      message: 'is unset or not a number',
    },
  ],
};
