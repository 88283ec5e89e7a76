import type { RuleFixtures } from '../fixtures';
import { workload } from '../fixture-builders';
import { BACKUP_ANNOTATIONS } from './facts';
import { ARCHIVE, backupCronJob, localBOf, siteStore } from './fixture-builders';

export const backupAnnotationsMatchContainersFixtures: RuleFixtures = {
  ruleId: 'backup/annotations-match-containers',
  pass: [
    { name: 'a backup as the construct writes it', terraform: backupCronJob('his-db', 'full'), message: 'agree with what its containers do' },
    { name: 'an archive as the construct writes it', terraform: backupCronJob('his-db', 'archive'), message: 'agree with what its containers do' },
    {
      name: 'a restore drill as the construct writes it',
      environment: 'dr',
      terraform: backupCronJob('his-db', 'restore-drill', { site: 'dr' }),
      message: 'agree with what its containers do',
    },
  ],
  fail: [
    {
      name: 'copy-local removed, the annotation still lists two local targets',
      terraform: backupCronJob('his-db', 'incremental', { steps: ['canary', 'backup', 'offsite-copy'] }),
      message:
        'metadata[0].annotations["platform.hospital/backup-local-targets"] lists pvc://clinical-data/his-db-backup-local-a, s3://s3.backup.prod.hospital.internal/prod-backup-b/his-db; the containers write pvc://clinical-data/his-db-backup-local-a',
    },
    {
      name: 'off site to the local store, the annotation still says dr',
      terraform: backupCronJob('his-db', 'full', { offsite: localBOf('prod') }),
      message:
        'metadata[0].annotations["platform.hospital/backup-offsite-target"] says s3://s3.backup.dr.hospital.internal/offsite-from-prod/his-db; the containers copy off site to nowhere',
    },
    {
      name: 'the off-site site annotation names the environment itself',
      terraform: backupCronJob('his-db', 'full', { annotations: { [BACKUP_ANNOTATIONS.offsiteSite]: 'prod' } }),
      message: 'metadata[0].annotations["platform.hospital/backup-offsite-site"] says prod (site main); the off-site copy lands at site dr',
    },
    {
      name: 'RETENTION_YEARS=20 in the containers, 30 in the annotation',
      terraform: backupCronJob('his-db', 'archive', { archive: { ...ARCHIVE, years: '20' } }),
      message: 'metadata[0].annotations["platform.hospital/retention-years"] says 30; the lock checks demand 20, 20 (env RETENTION_YEARS)',
    },
    {
      name: 'GOVERNANCE in the containers, COMPLIANCE in the annotation',
      terraform: backupCronJob('his-db', 'archive', { archive: { ...ARCHIVE, mode: 'GOVERNANCE' } }),
      message: 'says COMPLIANCE; the lock checks demand GOVERNANCE, GOVERNANCE (env OBJECT_LOCK_MODE)',
    },
    {
      name: 'the archive goes to another bucket than annotated',
      terraform: backupCronJob('his-db', 'archive', { archive: { ...ARCHIVE, bucket: 'scratch' } }),
      message: 'the containers archive to s3://archive.hospital.internal/scratch/his-db',
    },
    {
      name: 'the drill fetches another place than annotated',
      environment: 'dr',
      terraform: backupCronJob('his-db', 'restore-drill', { site: 'dr', drillSource: { endpoint: siteStore('prod'), bucket: 'prod-backup-b' } }),
      message: 'the drill fetches s3://s3.backup.prod.hospital.internal/prod-backup-b/his-db',
    },
    {
      name: 'labelled incremental, runs a full backup',
      terraform: backupCronJob('his-db', 'incremental', { args: { backup: ['full'] } }),
      message: 'label platform.hospital/backup says incremental, the containers run a full backup',
    },
    {
      name: 'labelled as his-db’s backup, connects to lis-db',
      terraform: backupCronJob('his-db', 'full', { dbHost: 'lis-db-0.lis-db.clinical-data.svc' }),
      message: 'label platform.hospital/data-store says his-db, the backup connects to clinical-data/lis-db',
    },
  ],
  skip: [
    {
      name: 'a CronJob that is no backup job',
      terraform: workload('kubernetes_cron_job_v1', 'report', { namespace: 'his' }),
      message: 'not a backup, archive or restore-drill CronJob',
    },
  ],
};
