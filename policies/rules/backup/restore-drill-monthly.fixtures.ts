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
    },
  ],
  fail: [
    {
      name: 'no drill at the dr site',
      terraform: terraform(compliantStore('his-db'), prodDrillOfDr),
      otherEnvironments: { dr: drSide({}) },
      message: 'no restore-drill CronJob',
    },
    {
      name: 'drill every two months',
      terraform: terraform(compliantStore('his-db'), prodDrillOfDr),
      otherEnvironments: { dr: drSide(backupCronJob('his-db', 'restore-drill', { schedule: '0 10 1 */2 *' })) },
      message: 'more than a month',
    },
    {
      name: 'drill restores another bucket',
      terraform: terraform(compliantStore('his-db'), prodDrillOfDr),
      otherEnvironments: {
        dr: drSide(backupCronJob('his-db', 'restore-drill', { annotations: { [BACKUP_ANNOTATIONS.drillSource]: 's3://s3.backup.dr.hospital.internal/old-bucket/his-db' } })),
      },
      message: 'not the off-site copy',
    },
    {
      name: 'drill runs at the same site as the backups',
      terraform: terraform(compliantStore('his-db'), backupCronJob('his-db', 'restore-drill')),
      otherEnvironments: { dr: drSide({}) },
      message: 'not at the off-site site dr',
    },
  ],
};
