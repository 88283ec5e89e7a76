import type { RuleFixtures } from '../fixtures';
import { BACKUP_ANNOTATIONS } from './facts';
import { backupCronJob, compliantStore, dataStoreStatefulSet, terraform } from './fixture-builders';

const drOffsiteToProd = {
  annotations: { [BACKUP_ANNOTATIONS.offsiteSite]: 'prod', [BACKUP_ANNOTATIONS.offsiteTarget]: 's3://s3.backup.prod.hospital.internal/offsite-from-dr/his-db' },
};
/** dr's own copy of the store, whose backups prod drills (so every environment passes). */
const drSide = (drill: Record<string, unknown>) =>
  terraform(
    dataStoreStatefulSet('his-db'),
    backupCronJob('his-db', 'full', drOffsiteToProd),
    backupCronJob('his-db', 'incremental', drOffsiteToProd),
    drill,
  );
const noOffsiteSite = { annotations: { [BACKUP_ANNOTATIONS.offsiteSite]: null } };
const oldBucket = 's3://s3.backup.dr.hospital.internal/old-bucket/his-db';
/** The backup of the given kind names no off-site copy (the other one still does). */
const noOffsiteTarget = { annotations: { [BACKUP_ANNOTATIONS.offsiteTarget]: null } };
const prodDrillOfDr = backupCronJob('his-db', 'restore-drill', { annotations: { [BACKUP_ANNOTATIONS.drillSourceEnvironment]: 'dr', [BACKUP_ANNOTATIONS.drillSource]: 's3://s3.backup.prod.hospital.internal/offsite-from-dr/his-db' } });

export const backupRestoreDrillMonthlyFixtures: RuleFixtures = {
  ruleId: 'backup/restore-drill-monthly',
  pass: [
    {
      name: 'dr drills prod monthly and prod drills dr',
      terraform: terraform(compliantStore('his-db'), prodDrillOfDr),
      otherEnvironments: {
        dr: drSide(backupCronJob('his-db', 'restore-drill')),
      },
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'data store his-db: restore drill dr/kubernetes_cron_job_v1.his-db-restore-drill at most 744 h (31 days) apart',
    },
    {
      name: 'a drill in Europe/Berlin is 745 h apart across the October clock change',
      terraform: terraform(compliantStore('his-db'), prodDrillOfDr),
      otherEnvironments: { dr: drSide(backupCronJob('his-db', 'restore-drill', { timeZone: 'Europe/Berlin' })) },
      message: 'restore drill dr/kubernetes_cron_job_v1.his-db-restore-drill at most 745 h apart',
    },
    {
      name: 'a store without medical records needs no drill',
      terraform: terraform(compliantStore('his-db'), prodDrillOfDr, backupCronJob('cache', 'full', { medical: false }), backupCronJob('cache', 'incremental', { medical: false })),
      otherEnvironments: { dr: drSide(backupCronJob('his-db', 'restore-drill')) },
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'data store his-db: restore drill dr/',
    },
    {
      name: 'backups that name no off-site site are drilled at any other site',
      terraform: terraform(compliantStore('his-db', { full: noOffsiteSite, incremental: noOffsiteSite }), prodDrillOfDr),
      otherEnvironments: { dr: drSide(backupCronJob('his-db', 'restore-drill')) },
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'restore drill dr/kubernetes_cron_job_v1.his-db-restore-drill',
    },
  ],
  fail: [
    {
      name: 'the off-site copy named on the full backup only, the drill restores another bucket',
      terraform: terraform(compliantStore('his-db', { incremental: noOffsiteTarget }), prodDrillOfDr),
      otherEnvironments: { dr: drSide(backupCronJob('his-db', 'restore-drill', { annotations: { [BACKUP_ANNOTATIONS.drillSource]: oldBucket } })) },
      message: `restores ${oldBucket}, not the off-site copy s3://s3.backup.dr.hospital.internal/offsite-from-prod/his-db`,
    },
    {
      name: 'the off-site copy named on the incremental backup only, the drill restores another bucket',
      terraform: terraform(compliantStore('his-db', { full: noOffsiteTarget }), prodDrillOfDr),
      otherEnvironments: { dr: drSide(backupCronJob('his-db', 'restore-drill', { annotations: { [BACKUP_ANNOTATIONS.drillSource]: oldBucket } })) },
      message: `restores ${oldBucket}, not the off-site copy`,
    },
    {
      name: 'two drills at the off-site site, one restoring another bucket and one an unstated source',
      terraform: terraform(compliantStore('his-db'), prodDrillOfDr),
      otherEnvironments: {
        dr: drSide(
          terraform(
            backupCronJob('his-db', 'restore-drill', { annotations: { [BACKUP_ANNOTATIONS.drillSource]: oldBucket } }),
            backupCronJob('his-db', 'restore-drill', { resourceName: 'his-db-restore-drill-unstated', annotations: { [BACKUP_ANNOTATIONS.drillSource]: null } }),
          ),
        ),
      },
      message: `restores ${oldBucket}, not the off-site copy`,
    },
    {
      name: 'backups that name no off-site site, and no drill anywhere',
      terraform: compliantStore('his-db', { full: noOffsiteSite, incremental: noOffsiteSite }),
      message: 'data store his-db: no restore-drill CronJob (label platform.hospital/backup=restore-drill, annotation platform.hospital/drill-source-environment=prod) restores its backups',
    },
    {
      name: 'no drill at the dr site',
      terraform: terraform(compliantStore('his-db'), prodDrillOfDr),
      otherEnvironments: { dr: drSide({}) },
      message: 'data store his-db: no restore-drill CronJob (label platform.hospital/backup=restore-drill, annotation platform.hospital/drill-source-environment=prod) restores its backups (expected in environment dr)',
    },
    {
      name: 'the dr drill restores another data store',
      terraform: terraform(compliantStore('his-db'), prodDrillOfDr),
      otherEnvironments: { dr: drSide(backupCronJob('emr-db', 'restore-drill')) },
      message: 'data store his-db: no restore-drill CronJob',
    },
    {
      name: 'the dr drill restores the backups of another environment',
      terraform: terraform(compliantStore('his-db'), prodDrillOfDr),
      otherEnvironments: { dr: drSide(backupCronJob('his-db', 'restore-drill', { annotations: { [BACKUP_ANNOTATIONS.drillSourceEnvironment]: 'staging' } })) },
      message: 'data store his-db: no restore-drill CronJob',
    },
    {
      name: 'drill runs in a third environment, not at the off-site site',
      terraform: terraform(compliantStore('his-db'), prodDrillOfDr),
      otherEnvironments: { dr: drSide({}), staging: terraform(backupCronJob('his-db', 'restore-drill')) },
      message: 'data store his-db: its restore drill runs in staging, not at the off-site site dr that holds the copy',
    },
    {
      name: 'backups that name no off-site site, drilled at their own site',
      terraform: terraform(compliantStore('his-db', { full: noOffsiteSite, incremental: noOffsiteSite }), backupCronJob('his-db', 'restore-drill')),
      message: 'its restore drill runs in prod, not at the off-site site (unstated) that holds the copy',
    },
    {
      name: 'drill time zone unset',
      terraform: terraform(compliantStore('his-db'), prodDrillOfDr),
      otherEnvironments: { dr: drSide(backupCronJob('his-db', 'restore-drill', { timeZone: null })) },
      message: 'data store his-db: restore drill schedule cannot be judged: kubernetes_cron_job_v1.his-db-restore-drill spec[0].timezone is unset',
    },
    {
      name: 'drill source unset',
      terraform: terraform(compliantStore('his-db'), prodDrillOfDr),
      otherEnvironments: { dr: drSide(backupCronJob('his-db', 'restore-drill', { annotations: { [BACKUP_ANNOTATIONS.drillSource]: null } })) },
      message: 'restores an unstated source, not the off-site copy s3://s3.backup.dr.hospital.internal/offsite-from-prod/his-db',
    },
    {
      name: 'drill every two months',
      terraform: terraform(compliantStore('his-db'), prodDrillOfDr),
      otherEnvironments: { dr: drSide(backupCronJob('his-db', 'restore-drill', { schedule: '0 10 1 */2 *' })) },
      message: 'data store his-db: restore drills (dr/kubernetes_cron_job_v1.his-db-restore-drill) are up to 1488 h (62 days) apart, more than a month',
    },
    {
      name: 'drill restores another bucket',
      terraform: terraform(compliantStore('his-db'), prodDrillOfDr),
      otherEnvironments: {
        dr: drSide(backupCronJob('his-db', 'restore-drill', { annotations: { [BACKUP_ANNOTATIONS.drillSource]: 's3://s3.backup.dr.hospital.internal/old-bucket/his-db' } })),
      },
      message: 'the restore drill (dr/kubernetes_cron_job_v1.his-db-restore-drill) restores s3://s3.backup.dr.hospital.internal/old-bucket/his-db, not the off-site copy s3://s3.backup.dr.hospital.internal/offsite-from-prod/his-db',
    },
    {
      name: 'drill runs at the same site as the backups',
      terraform: terraform(compliantStore('his-db'), backupCronJob('his-db', 'restore-drill')),
      otherEnvironments: { dr: drSide({}) },
      message: 'not at the off-site site dr',
    },
  ],
  skip: [
    {
      name: 'the off-site site is not part of the check',
      terraform: compliantStore('his-db'),
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'data store his-db: the restore drill is expected in environment dr, which is not part of this check',
    },
  ],
};
