import type { RuleFixtures } from '../fixtures';
import { BACKUP_ANNOTATIONS } from './facts';
import { backupCronJob, offsiteOf } from './fixture-builders';

const volumeA = 'pvc://clinical-data/his-db-backup-local-a/his-db';

export const backupTwoLocalCopiesFixtures: RuleFixtures = {
  ruleId: 'backup/two-local-copies',
  pass: [
    {
      name: 'PVC and on-site object store',
      terraform: backupCronJob('his-db', 'full'),
      resource: 'kubernetes_cron_job_v1.his-db-backup-full',
      message: `full backup of his-db is written to ${volumeA} (backup) and s3://s3.backup.prod.hospital.internal/prod-backup-b/his-db (copy-local)`,
    },
    {
      name: 'a second volume claim of another storage class',
      terraform: backupCronJob('his-db', 'incremental', { localB: { claim: 'his-db-backup-local-b', storageClass: 'backup-appliance' } }),
      message: `is written to ${volumeA} (backup) and pvc://clinical-data/his-db-backup-local-b/his-db (copy-local)`,
    },
    {
      name: 'the annotation lists one local target, the containers write two (the containers count)',
      terraform: backupCronJob('his-db', 'full', { annotations: { [BACKUP_ANNOTATIONS.localTargets]: 'pvc://clinical-data/his-db-backup-local-a' } }),
      message: 'full backup of his-db is written to',
    },
    {
      name: 'PostgreSQL: the pgBackRest repository on the claim, copied to the site’s object store',
      terraform: backupCronJob('emr-db', 'full', { engine: 'postgresql' }),
      message:
        'full backup of emr-db is written to pvc://clinical-data/emr-db-backup-local-a/emr-db/pgbackrest (backup) and s3://s3.backup.prod.hospital.internal/prod-backup-b/emr-db (copy-local)',
    },
    {
      name: 'dr writes its second copy to its own site’s object store',
      environment: 'dr',
      terraform: backupCronJob('his-db', 'incremental', { site: 'dr' }),
      message: 'and s3://s3.backup.dr.hospital.internal/dr-backup-b/his-db (copy-local)',
    },
  ],
  fail: [
    {
      name: 'a production environment the plan places at no site: its object-store copy cannot count as local',
      environment: 'qa',
      options: { productionEnvironments: ['prod', 'dr', 'qa'] },
      terraform: backupCronJob('his-db', 'full'),
      message: 'but the plan places environment qa at no site (backup.sites), so local and off site cannot be told apart',
    },
    {
      name: 'copy-local removed while the annotation still lists two local targets',
      terraform: backupCronJob('his-db', 'incremental', { steps: ['canary', 'backup', 'offsite-copy'] }),
      resource: 'kubernetes_cron_job_v1.his-db-backup-incremental',
      message: `incremental backup of his-db writes 1 local medium(s) (${volumeA} (backup)); the plan asks for 2 (plan: backup.localCopies = 2)`,
    },
    {
      name: 'the second copy on the same volume claim',
      terraform: backupCronJob('his-db', 'full', { localB: { claim: 'his-db-backup-local-a' } }),
      message: 'copy-local: copies to pvc://clinical-data/his-db-backup-local-a/his-db, the same medium as',
    },
    {
      name: 'the second copy on another claim of the same storage class',
      terraform: backupCronJob('his-db', 'full', { localB: { claim: 'his-db-backup-local-b', storageClass: 'medical-encrypted' } }),
      message: '(storage class medical-encrypted)',
    },
    {
      name: 'the local copy goes to the other site (it is no local copy)',
      terraform: backupCronJob('his-db', 'full', { localB: { ...offsiteOf('prod'), bucket: 'prod-copy-b' } }),
      message: 'full backup of his-db writes 1 local medium(s)',
    },
    {
      name: 'the local copy to an object store of no site of the plan',
      terraform: backupCronJob('his-db', 'full', { localB: { endpoint: 'https://minio.lab.example.org:9000', bucket: 'backups' } }),
      message: 'copy-local: copies to s3://minio.lab.example.org:9000/backups/his-db, an endpoint at no site of the plan',
    },
    {
      name: 'the local copy to an emptyDir',
      terraform: backupCronJob('his-db', 'full', { args: { 'copy-local': ['/tmp/his-db'] } }),
      message: 'copy-local: copies to an emptyDir, deleted with the pod (volume "tmp")',
    },
    {
      name: 'the local copy to /dev/null',
      terraform: backupCronJob('his-db', 'full', { args: { 'copy-local': ['/dev/null'] } }),
      message: 'copy-local: copies to the null device /dev/null',
    },
    {
      name: 'the local copy onto the container’s own filesystem',
      terraform: backupCronJob('his-db', 'full', { args: { 'copy-local': ['/var/backups/his-db'] } }),
      message: "the container's own filesystem",
    },
    {
      name: 'the copy script runs rclone with --dry-run',
      terraform: backupCronJob('his-db', 'full', {
        scripts: {
          'copy-set.sh': '#!/bin/bash\ndestination="${1:?}"\nflags=(--checksum --dry-run)\nrclone copy "${flags[@]}" "$BACKUP_ROOT/sets" "$destination/sets"\n',
        },
      }),
      message: 'full backup of his-db writes 1 local medium(s)',
    },
    {
      name: 'the local copy runs before the backup',
      terraform: backupCronJob('his-db', 'full', { steps: ['canary', 'copy-local', 'backup', 'offsite-copy'] }),
      message: 'copy-local: runs before the backup step backup, so it cannot copy this set',
    },
    {
      name: 'the local copy copies another store’s folder',
      terraform: backupCronJob('his-db', 'full', { env: { 'copy-local': { BACKUP_ROOT: '/backup/local-a/emr-db' } } }),
      message: `copy-local: copies pvc://clinical-data/his-db-backup-local-a/emr-db, not the folder the backup writes (${volumeA})`,
    },
    {
      name: 'the local copy’s rclone remote is not configured',
      terraform: backupCronJob('his-db', 'full', { env: { 'copy-local': { RCLONE_CONFIG_LOCALB_TYPE: null } } }),
      message: 'rclone remote "localb" is not configured (copy-local sets no RCLONE_CONFIG_LOCALB_TYPE)',
    },
    {
      name: 'the local copy’s endpoint is unset',
      terraform: backupCronJob('his-db', 'full', { env: { 'copy-local': { RCLONE_CONFIG_LOCALB_ENDPOINT: null } } }),
      message: 'names no endpoint (RCLONE_CONFIG_LOCALB_ENDPOINT)',
    },
    {
      name: 'the local copy runs a script of the image',
      terraform: backupCronJob('his-db', 'full', { containers: { 'copy-local': { command: ['/bin/bash', '/usr/local/bin/copy-set.sh'] } } }),
      message: 'writes 1 local medium(s)',
    },
    {
      name: 'the backup writes its set to an emptyDir',
      terraform: backupCronJob('his-db', 'full', { env: { backup: { BACKUP_ROOT: '/tmp/his-db' } } }),
      message: 'backup: writes the set to an emptyDir, deleted with the pod (volume "tmp")',
    },
    {
      name: 'the backup step removed',
      terraform: backupCronJob('his-db', 'incremental', { steps: ['canary', 'copy-local', 'offsite-copy'] }),
      message:
        'incremental backup of his-db writes 0 local medium(s); the plan asks for 2 (plan: backup.localCopies = 2); not counted: it runs no backup step (containers: canary, copy-local, offsite-copy)',
    },
    {
      name: 'a plan store labelled without medical records in production',
      terraform: backupCronJob('his-db', 'full', { medical: false, steps: ['canary', 'backup', 'offsite-copy'] }),
      message: 'writes 1 local medium(s)',
    },
  ],
  skip: [
    {
      name: 'a non-production environment the plan places at no site',
      environment: 'hospital-007',
      terraform: backupCronJob('his-db', 'full'),
      message: 'full backup of his-db: the plan places environment hospital-007 at no site (backup.sites)',
    },
    {
      name: 'an archive job',
      terraform: backupCronJob('his-db', 'archive'),
      resource: 'kubernetes_cron_job_v1.his-db-archive',
      message: 'not a full or incremental backup CronJob',
    },
    {
      name: 'a store without medical records',
      terraform: backupCronJob('cache', 'incremental', { medical: false }),
      message: 'data store cache holds no medical records',
    },
    {
      name: 'staging holds test data: a plan store labelled without medical records',
      environment: 'staging',
      terraform: backupCronJob('his-db', 'full', { medical: false, steps: ['canary', 'backup'] }),
      message: 'data store his-db holds no medical records',
    },
  ],
};
