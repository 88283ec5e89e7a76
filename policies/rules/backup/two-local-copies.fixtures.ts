import type { RuleFixtures } from '../fixtures';
import { BACKUP_ANNOTATIONS } from './facts';
import { backupCronJob } from './fixture-builders';

/** The CronJob without its job template's pod spec. */
const withoutPodSpec = (document: Record<string, unknown>): Record<string, unknown> => {
  const jobs = (document as { resource: { kubernetes_cron_job_v1: Record<string, { spec: { job_template: { spec: { template: Record<string, unknown> } } } }> } }).resource.kubernetes_cron_job_v1;
  for (const job of Object.values(jobs)) delete job.spec.job_template.spec.template.spec;
  return document;
};

const targets = (value: string) => ({ annotations: { [BACKUP_ANNOTATIONS.localTargets]: value } });
/** The full backup of his-db writing to the given local targets (comma-separated, as annotated). */
const fullBackupTo = (...list: string[]) => backupCronJob('his-db', 'full', targets(list.join(',')));
const volumeA = 'pvc://clinical-data/his-db-backup-local-a';
const onSiteBucket = 's3://s3.backup.prod.hospital.internal/prod-backup-b/his-db';

export const backupTwoLocalCopiesFixtures: RuleFixtures = {
  ruleId: 'backup/two-local-copies',
  pass: [
    {
      name: 'PVC and on-site object store',
      terraform: backupCronJob('his-db', 'full'),
      resource: 'kubernetes_cron_job_v1.his-db-backup-full',
      message: 'full backup of his-db is written to pvc://clinical-data/his-db-backup-local-a and s3://s3.backup.prod.hospital.internal/prod-backup-b/his-db',
    },
    {
      name: 'two object stores, the list padded with spaces and an empty entry',
      terraform: backupCronJob('his-db', 'incremental', targets(' s3://s3.backup.prod.hospital.internal/prod-backup-a/his-db , ,s3://appliance.backup.prod.hospital.internal/prod-backup-b/his-db ')),
      message: 'is written to s3://s3.backup.prod.hospital.internal/prod-backup-a/his-db and s3://appliance.backup.prod.hospital.internal/prod-backup-b/his-db',
    },
  ],
  fail: [
    {
      name: 'one local target',
      terraform: backupCronJob('his-db', 'incremental', targets('pvc://clinical-data/his-db-backup-local-a')),
      message: 'incremental backup of his-db writes 1 distinct local target(s) (metadata[0].annotations["platform.hospital/backup-local-targets"] = "pvc://clinical-data/his-db-backup-local-a"); expected 2',
    },
    {
      name: 'no local target annotation',
      terraform: backupCronJob('his-db', 'full', { annotations: { [BACKUP_ANNOTATIONS.localTargets]: null } }),
      message: 'writes 0 distinct local target(s)',
    },
    {
      name: 'the same target twice',
      terraform: backupCronJob('his-db', 'incremental', targets('pvc://clinical-data/his-db-backup-local-a,pvc://clinical-data/his-db-backup-local-a')),
      message: 'writes 1 distinct local target(s)',
    },
    {
      name: 'volume target not mounted',
      terraform: fullBackupTo(volumeA, 'pvc://clinical-data/his-db-backup-local-b'),
      message: 'full backup of his-db names local target pvc://clinical-data/his-db-backup-local-b but mounts no volume with persistent_volume_claim.claim_name "his-db-backup-local-b"',
    },
    {
      name: 'a target that is neither a volume nor an object store',
      terraform: fullBackupTo(volumeA, 'nfs://filer.hospital.internal/backups/his-db'),
      message: 'full backup of his-db: local target "nfs://filer.hospital.internal/backups/his-db" in metadata[0].annotations["platform.hospital/backup-local-targets"] is neither pvc://<namespace>/<claim> nor s3://<host>/<bucket>/…',
    },
    {
      name: 'an object store target without a bucket',
      terraform: fullBackupTo(volumeA, 's3://s3.backup.prod.hospital.internal'),
      message: 'local target "s3://s3.backup.prod.hospital.internal" in',
    },
    {
      name: 'a volume target with a prefix before pvc://',
      terraform: fullBackupTo(onSiteBucket, `backup+${volumeA}`),
      message: 'local target "backup+pvc://clinical-data/his-db-backup-local-a" in',
    },
    {
      name: 'a volume target running on past a line break',
      terraform: fullBackupTo(onSiteBucket, `${volumeA}\nrest`),
      message: 'is neither pvc://<namespace>/<claim> nor s3://',
    },
    {
      name: 'an object store target with a prefix before s3://',
      terraform: fullBackupTo(volumeA, `minio+${onSiteBucket}`),
      message: 'local target "minio+s3://s3.backup.prod.hospital.internal/prod-backup-b/his-db" in',
    },
    {
      name: 'a volume target on a CronJob without a pod spec',
      terraform: withoutPodSpec(backupCronJob('his-db', 'full')),
      message: 'full backup of his-db names local target pvc://clinical-data/his-db-backup-local-a but mounts no volume',
    },
    {
      name: 'a volume target without a claim name',
      terraform: fullBackupTo(onSiteBucket, 'pvc://clinical-data'),
      message: 'local target "pvc://clinical-data" in',
    },
  ],
  skip: [
    { name: 'an archive job', terraform: backupCronJob('his-db', 'archive'), resource: 'kubernetes_cron_job_v1.his-db-archive', message: 'not a full or incremental backup CronJob' },
    { name: 'a store without medical records', terraform: backupCronJob('cache', 'incremental', { medical: false }), message: 'data store cache holds no medical records' },
  ],
};
