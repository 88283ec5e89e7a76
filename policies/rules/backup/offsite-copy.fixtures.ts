import type { RuleFixtures } from '../fixtures';
import { BACKUP_ANNOTATIONS } from './facts';
import { backupCronJob } from './fixture-builders';

export const backupOffsiteCopyFixtures: RuleFixtures = {
  ruleId: 'backup/offsite-copy',
  pass: [
    {
      name: 'incremental copied to the dr site',
      terraform: backupCronJob('his-db', 'incremental'),
      resource: 'kubernetes_cron_job_v1.his-db-backup-incremental',
      message: 'incremental backup of his-db is copied to s3://s3.backup.dr.hospital.internal/offsite-from-prod/his-db (site dr) by spec[0].job_template[0].spec[0].template[0].spec[0].container[0]',
    },
    {
      name: 'full copied off site by an offsite-copy init container, annotations padded with spaces',
      terraform: backupCronJob('his-db', 'full', {
        steps: ['canary', 'backup', 'offsite-copy', 'verify'],
        annotations: { [BACKUP_ANNOTATIONS.offsiteTarget]: ' s3://s3.backup.dr.hospital.internal/offsite-from-prod/his-db ', [BACKUP_ANNOTATIONS.offsiteSite]: ' dr ' },
      }),
      message: 'full backup of his-db is copied to s3://s3.backup.dr.hospital.internal/offsite-from-prod/his-db (site dr) by spec[0].job_template[0].spec[0].template[0].spec[0].init_container[2]',
    },
  ],
  fail: [
    {
      name: 'no off-site target',
      terraform: backupCronJob('his-db', 'incremental', {
        annotations: { [BACKUP_ANNOTATIONS.offsiteTarget]: null, [BACKUP_ANNOTATIONS.offsiteSite]: null },
        steps: ['canary', 'backup', 'copy-local'],
      }),
      message: 'incremental backup of his-db has no off-site target: metadata[0].annotations["platform.hospital/backup-offsite-target"] is unset',
    },
    {
      name: 'a blank off-site target',
      terraform: backupCronJob('his-db', 'full', { annotations: { [BACKUP_ANNOTATIONS.offsiteTarget]: '  ' } }),
      message: 'has no off-site target',
    },
    {
      name: 'off-site target without its site',
      terraform: backupCronJob('his-db', 'full', { annotations: { [BACKUP_ANNOTATIONS.offsiteSite]: null } }),
      resource: 'kubernetes_cron_job_v1.his-db-backup-full',
      message: 'full backup of his-db: metadata[0].annotations["platform.hospital/backup-offsite-site"] is unset (which site holds s3://s3.backup.dr.hospital.internal/offsite-from-prod/his-db?)',
    },
    {
      name: 'off-site target at the same site',
      terraform: backupCronJob('his-db', 'full', { annotations: { [BACKUP_ANNOTATIONS.offsiteSite]: 'prod' } }),
      message: 'full backup of his-db: the off-site target s3://s3.backup.dr.hospital.internal/offsite-from-prod/his-db is at site "prod", the environment\'s own site',
    },
    {
      name: 'off-site target declared but no copy step',
      terraform: backupCronJob('emr-db', 'full', { steps: ['canary', 'backup', 'copy-local'] }),
      message: 'full backup of emr-db declares s3://s3.backup.dr.hospital.internal/offsite-from-prod/emr-db but has no "offsite-copy" container',
    },
  ],
  skip: [
    { name: 'an archive job', terraform: backupCronJob('his-db', 'archive'), resource: 'kubernetes_cron_job_v1.his-db-archive', message: 'not a full or incremental backup CronJob' },
    {
      name: 'a store without medical records',
      terraform: backupCronJob('cache', 'full', { medical: false, steps: ['backup'] }),
      resource: 'kubernetes_cron_job_v1.cache-backup-full',
      message: 'data store cache holds no medical records',
    },
  ],
};
