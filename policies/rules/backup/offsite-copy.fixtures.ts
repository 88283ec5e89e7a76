import type { RuleFixtures } from '../fixtures';
import { planWith } from '../fixture-builders';
import { BACKUP_ANNOTATIONS } from './facts';
import { backupCronJob, localBOf, siteStore } from './fixture-builders';

const mainContainer = 'spec[0].job_template[0].spec[0].template[0].spec[0].container[0]';

export const backupOffsiteCopyFixtures: RuleFixtures = {
  ruleId: 'backup/offsite-copy',
  pass: [
    {
      name: 'incremental copied to the dr site',
      terraform: backupCronJob('his-db', 'incremental'),
      resource: 'kubernetes_cron_job_v1.his-db-backup-incremental',
      message: `incremental backup of his-db is copied off site to s3://s3.backup.dr.hospital.internal/offsite-from-prod/his-db (site dr, by ${mainContainer})`,
    },
    {
      name: 'full copied off site by an init container before a last step',
      terraform: backupCronJob('his-db', 'full', { steps: ['canary', 'backup', 'copy-local', 'offsite-copy', 'verify'] }),
      message:
        'full backup of his-db is copied off site to s3://s3.backup.dr.hospital.internal/offsite-from-prod/his-db (site dr, by spec[0].job_template[0].spec[0].template[0].spec[0].init_container[3])',
    },
    {
      name: 'dr copies off site to the main data centre',
      environment: 'dr',
      terraform: backupCronJob('his-db', 'full', { site: 'dr' }),
      message: 'full backup of his-db is copied off site to s3://s3.backup.prod.hospital.internal/offsite-from-dr/his-db (site main,',
    },
    {
      name: 'annotations unset: they document, the containers prove',
      terraform: backupCronJob('his-db', 'full', { annotations: { [BACKUP_ANNOTATIONS.offsiteTarget]: null, [BACKUP_ANNOTATIONS.offsiteSite]: null } }),
      message: 'is copied off site to s3://s3.backup.dr.hospital.internal/offsite-from-prod/his-db',
    },
  ],
  fail: [
    {
      name: 'the off-site target is the local store (the annotation still says dr)',
      terraform: backupCronJob('his-db', 'full', { offsite: localBOf('prod') }),
      resource: 'kubernetes_cron_job_v1.his-db-backup-full',
      message:
        'full backup of his-db is copied to 0 object store(s) of another site; the plan asks for 1 (plan: backup.offsiteCopies = 1, backup.sites); it writes only at its own site main: pvc://clinical-data/his-db-backup-local-a/his-db (backup), s3://s3.backup.prod.hospital.internal/prod-backup-b/his-db (copy-local); not counted: offsite-copy: copies to s3://s3.backup.prod.hospital.internal/prod-backup-b/his-db, the same medium as',
    },
    {
      name: 'the off-site copy goes to another bucket of the local site’s object store',
      terraform: backupCronJob('his-db', 'incremental', { offsite: { endpoint: siteStore('prod'), bucket: 'offsite-from-prod' } }),
      message:
        'it writes only at its own site main: pvc://clinical-data/his-db-backup-local-a/his-db (backup), s3://s3.backup.prod.hospital.internal/prod-backup-b/his-db (copy-local), s3://s3.backup.prod.hospital.internal/offsite-from-prod/his-db (offsite-copy)',
    },
    {
      name: 'the off-site copy step removed',
      terraform: backupCronJob('his-db', 'incremental', { offsite: null }),
      message: 'incremental backup of his-db is copied to 0 object store(s) of another site',
    },
    {
      name: 'the off-site copy goes to an endpoint the plan places at no site',
      terraform: backupCronJob('his-db', 'full', { offsite: { endpoint: 'https://s3.eu-central-1.amazonaws.com', bucket: 'hospital-offsite' } }),
      message: 'offsite-copy: copies to s3://s3.eu-central-1.amazonaws.com/hospital-offsite/his-db, an endpoint at no site of the plan',
    },
    {
      name: 'the off-site copy runs before the backup',
      terraform: backupCronJob('his-db', 'full', { steps: ['canary', 'offsite-copy', 'backup', 'copy-local'] }),
      message: 'offsite-copy: runs before the backup step backup, so it cannot copy this set',
    },
    {
      name: 'the off-site copy to /dev/null',
      terraform: backupCronJob('his-db', 'full', { args: { 'offsite-copy': ['/dev/null'] } }),
      message: 'offsite-copy: copies to the null device /dev/null',
    },
    {
      name: 'the off-site remote’s endpoint unset',
      terraform: backupCronJob('his-db', 'full', { env: { 'offsite-copy': { RCLONE_CONFIG_OFFSITE_ENDPOINT: null } } }),
      message: 'rclone remote "offsite" names no endpoint (RCLONE_CONFIG_OFFSITE_ENDPOINT)',
    },
    {
      name: 'the off-site copy reads another folder than the backup writes',
      terraform: backupCronJob('his-db', 'full', { env: { 'offsite-copy': { BACKUP_ROOT: '/backup/local-a/lis-db' } } }),
      message: 'offsite-copy: copies pvc://clinical-data/his-db-backup-local-a/lis-db, not the folder the backup writes',
    },
    {
      name: 'a production environment the plan places at no site',
      environment: 'qa',
      options: { productionEnvironments: ['prod', 'dr', 'qa'] },
      terraform: backupCronJob('his-db', 'full'),
      message: 'but the plan places environment qa at no site (backup.sites), so local and off site cannot be told apart',
    },
    {
      name: 'another hospital’s plan that places dr’s object store at the main site',
      terraform: backupCronJob('his-db', 'full'),
      options: {
        plan: planWith({
          backup: { sites: { main: { objectStores: ['s3.backup.prod.hospital.internal', 's3.backup.dr.hospital.internal'] }, dr: { objectStores: [] } } },
        }),
      },
      message:
        'it writes only at its own site main: pvc://clinical-data/his-db-backup-local-a/his-db (backup), s3://s3.backup.prod.hospital.internal/prod-backup-b/his-db (copy-local), s3://s3.backup.dr.hospital.internal/offsite-from-prod/his-db (offsite-copy)',
    },
  ],
  skip: [
    {
      name: 'a non-production environment the plan places at no site',
      environment: 'hospital-007',
      terraform: backupCronJob('his-db', 'full'),
      message:
        'full backup of his-db: the plan places environment hospital-007 at no site (backup.sites), so its local and off-site copies cannot be told apart',
    },
    {
      name: 'an archive job',
      terraform: backupCronJob('his-db', 'archive'),
      resource: 'kubernetes_cron_job_v1.his-db-archive',
      message: 'not a full or incremental backup CronJob',
    },
    {
      name: 'a store without medical records',
      terraform: backupCronJob('cache', 'full', { medical: false, steps: ['backup'] }),
      resource: 'kubernetes_cron_job_v1.cache-backup-full',
      message: 'data store cache holds no medical records',
    },
  ],
};
