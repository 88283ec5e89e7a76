import type { RuleFixtures } from '../fixtures';
import { BACKUP_ANNOTATIONS } from './facts';
import { backupCronJob, compliantStore, localBOf, offsiteOf, siteStore, terraform, type BackupJobOptions } from './fixture-builders';

/** prod's backups of his-db (copied off site to dr) and prod's drill of dr's copy. */
const prod = (overrides: Parameters<typeof compliantStore>[1] = {}) => terraform(compliantStore('his-db', overrides), backupCronJob('his-db', 'restore-drill'));
/** dr's own store (copied off site to prod) and the given drills of prod's copy. */
const drSide = (...drills: Record<string, unknown>[]) => terraform(compliantStore('his-db', {}, 'dr'), ...drills);
/** A drill at dr of prod's off-site copy. */
const drDrill = (options: BackupJobOptions = {}) => backupCronJob('his-db', 'restore-drill', { site: 'dr', ...options });
const copy = 's3://s3.backup.dr.hospital.internal/offsite-from-prod/his-db';
const drill = 'dr/kubernetes_cron_job_v1.his-db-restore-drill';
/** prod's drill of dr's copy, judged alone when prod's stack is checked without dr's. */
const prodDrill = 'kubernetes_cron_job_v1.his-db-restore-drill';
const prodCopy = 's3://s3.backup.prod.hospital.internal/offsite-from-dr/his-db';
/** prod checked alone: its store (whose drill lives in dr) and its drill of dr's copy. */
const prodAlone = (options: BackupJobOptions = {}) => terraform(compliantStore('his-db'), backupCronJob('his-db', 'restore-drill', options));

export const backupRestoreDrillMonthlyFixtures: RuleFixtures = {
  ruleId: 'backup/restore-drill-monthly',
  pass: [
    {
      name: 'dr drills prod monthly and prod drills dr',
      terraform: prod(),
      otherEnvironments: { dr: drSide(drDrill()) },
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: `data store his-db: restore drill ${drill} restores ${copy} every month, at most 744 h (31 days) apart`,
    },
    {
      name: 'a drill in Europe/Berlin is 745 h apart across the October clock change',
      terraform: prod(),
      otherEnvironments: { dr: drSide(drDrill({ timeZone: 'Europe/Berlin' })) },
      message: `restore drill ${drill} restores ${copy} every month, at most 745 h apart`,
    },
    {
      name: 'a store without medical records needs no drill',
      terraform: terraform(prod(), backupCronJob('cache', 'full', { medical: false }), backupCronJob('cache', 'incremental', { medical: false })),
      otherEnvironments: { dr: drSide(drDrill()) },
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'data store his-db: restore drill dr/',
    },
    {
      name: 'drill annotations unset: the drill is found by what it fetches',
      terraform: prod(),
      otherEnvironments: {
        dr: drSide(drDrill({ annotations: { [BACKUP_ANNOTATIONS.drillSource]: null, [BACKUP_ANNOTATIONS.drillSourceEnvironment]: null } })),
      },
      message: `restore drill ${drill} restores ${copy}`,
    },
    {
      name: 'a drill every two weeks (stricter than the plan)',
      terraform: prod(),
      otherEnvironments: { dr: drSide(drDrill({ schedule: '0 10 1,15 * *' })) },
      message: 'every month, at most 408 h (17 days) apart',
    },
    {
      name: 'prod checked alone: its drill of dr’s copy fetches, restores and verifies it every month',
      terraform: prodAlone(),
      resource: prodDrill,
      message: `restore drill prod/${prodDrill} fetches ${prodCopy}, restores and verifies it every month, at most 744 h (31 days) apart`,
    },
    {
      name: 'dr checked alone: its drill of prod’s copy works (drill annotations unset)',
      environment: 'dr',
      terraform: drSide(drDrill({ annotations: { [BACKUP_ANNOTATIONS.drillSource]: null, [BACKUP_ANNOTATIONS.drillSourceEnvironment]: null } })),
      resource: prodDrill,
      message: `fetches ${copy}, restores and verifies it every month`,
    },
    {
      name: 'prod checked alone: a drill twice a month in Europe/Berlin',
      terraform: prodAlone({ schedule: '0 10 1,15 * *', timeZone: 'Europe/Berlin' }),
      resource: prodDrill,
      message: 'restores and verifies it every month',
    },
  ],
  fail: [
    {
      name: 'prod checked alone: the drill reduced to its fetch (restore and verify containers removed)',
      terraform: prodAlone({ steps: ['fetch-offsite'] }),
      resource: prodDrill,
      message: `no working restore drill: prod/${prodDrill} fetches ${prodCopy} (fetch-offsite) but no later container restores it`,
    },
    {
      name: 'prod checked alone: the drill’s verify step removed',
      terraform: prodAlone({ steps: ['fetch-offsite', 'prepare'] }),
      resource: prodDrill,
      message: `prod/${prodDrill} restores the copy (prepare) but no container verifies the restored data`,
    },
    {
      name: 'prod checked alone: the drill restores before it fetches',
      terraform: prodAlone({ steps: ['prepare', 'verify', 'fetch-offsite'] }),
      resource: prodDrill,
      message: 'but no later container restores it',
    },
    {
      name: 'prod checked alone: the drill restores /dev/null',
      terraform: prodAlone({ drillSource: '/dev/null' }),
      resource: prodDrill,
      message: `prod/${prodDrill} fetches the null device /dev/null, not an object store of site main holding an off-site copy`,
    },
    {
      name: 'prod checked alone: the drill fetches the other site’s store',
      terraform: prodAlone({ drillSource: localBOf('dr') }),
      resource: prodDrill,
      message: 'not an object store of site main holding an off-site copy',
    },
    {
      name: 'prod checked alone: the drill suspended',
      terraform: prodAlone({ suspend: true }),
      resource: prodDrill,
      message: `no working restore drill: prod/${prodDrill} is suspended (spec.suspend: true): it never runs`,
    },
    {
      name: 'dr checked alone: the drill suspended',
      environment: 'dr',
      terraform: drSide(drDrill({ suspend: true })),
      resource: prodDrill,
      message: `${drill} is suspended`,
    },
    {
      name: 'prod checked alone: the drill only on 29 February',
      terraform: prodAlone({ schedule: '0 10 29 2 *' }),
      resource: prodDrill,
      message: 'more than a month (plan: backup.restoreDrill.every = month)',
    },
    {
      name: 'prod checked alone: the drill on the 31st misses five months',
      terraform: prodAlone({ schedule: '0 10 31 * *' }),
      resource: prodDrill,
      message: 'more than a month',
    },
    {
      name: 'prod checked alone: drill time zone unset',
      terraform: prodAlone({ timeZone: null }),
      resource: prodDrill,
      message: `restore drill schedule cannot be judged: ${prodDrill} spec[0].timezone is unset`,
    },
    {
      name: 'a drill only on 29 February',
      terraform: prod(),
      otherEnvironments: { dr: drSide(drDrill({ schedule: '0 10 29 2 *' })) },
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'are up to ∞ (runs less than twice a year) apart, more than a month',
    },
    {
      name: 'the drill restores /dev/null',
      terraform: prod(),
      otherEnvironments: { dr: drSide(drDrill({ drillSource: '/dev/null' })) },
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: `data store his-db: no restore drill restores its off-site copy ${copy} at site dr: ${drill} fetches the null device /dev/null, not the off-site copy`,
    },
    {
      name: 'the drill restores the backed-up site’s local store',
      terraform: prod(),
      otherEnvironments: { dr: drSide(drDrill({ drillSource: localBOf('prod') })) },
      message: `${drill} fetches s3://s3.backup.prod.hospital.internal/prod-backup-b/his-db, not the off-site copy`,
    },
    {
      name: 'the drill restores another bucket',
      terraform: prod(),
      otherEnvironments: { dr: drSide(drDrill({ drillSource: { endpoint: siteStore('dr'), bucket: 'old-bucket' } })) },
      message: `${drill} fetches s3://s3.backup.dr.hospital.internal/old-bucket/his-db, not the off-site copy`,
    },
    {
      name: 'the drill restores another store’s copy',
      terraform: prod(),
      otherEnvironments: { dr: drSide(drDrill({ drillSource: { ...offsiteOf('prod'), prefix: 'emr-db' } })) },
      message: `${drill} fetches s3://s3.backup.dr.hospital.internal/offsite-from-prod/emr-db, not the off-site copy`,
    },
    {
      name: 'the drill’s restore step removed',
      terraform: prod(),
      otherEnvironments: { dr: drSide(drDrill({ steps: ['fetch-offsite', 'verify'] })) },
      message: `${drill} fetches ${copy} (fetch-offsite) but no later container restores it`,
    },
    {
      name: 'the drill’s verify step removed',
      terraform: prod(),
      otherEnvironments: { dr: drSide(drDrill({ steps: ['fetch-offsite', 'prepare'] })) },
      message: `${drill} restores the copy (prepare) but no container verifies the restored data`,
    },
    {
      name: 'the drill restores before it fetches',
      terraform: prod(),
      otherEnvironments: { dr: drSide(drDrill({ steps: ['prepare', 'verify', 'fetch-offsite'] })) },
      message: 'but no later container restores it',
    },
    {
      name: 'the drill runs at the same site as the backups',
      terraform: terraform(compliantStore('his-db'), backupCronJob('his-db', 'restore-drill', { drillSource: offsiteOf('prod') })),
      otherEnvironments: { dr: drSide() },
      message: `data store his-db: no restore drill restores its off-site copy ${copy} at site dr (expected a restore-drill CronJob in dr)`,
    },
    {
      name: 'the drill runs in a third environment at the main site',
      terraform: prod(),
      otherEnvironments: { dr: drSide(), staging: backupCronJob('his-db', 'restore-drill', { drillSource: offsiteOf('prod') }) },
      message: `staging/kubernetes_cron_job_v1.his-db-restore-drill runs at site main, not at site dr that holds ${copy}`,
    },
    { name: 'no drill at the dr site', terraform: prod(), otherEnvironments: { dr: drSide() }, message: '(expected a restore-drill CronJob in dr)' },
    { name: 'the drill suspended', terraform: prod(), otherEnvironments: { dr: drSide(drDrill({ suspend: true })) }, message: `${drill} is suspended` },
    {
      name: 'the backups write no off-site copy',
      terraform: prod({ full: { offsite: null }, incremental: { offsite: null } }),
      otherEnvironments: { dr: drSide(drDrill()) },
      message: 'data store his-db: its backups write no common off-site copy (see backup/offsite-copy), so no drill can restore one',
    },
    {
      name: 'full and incremental backups copied off site to different buckets',
      terraform: prod({ incremental: { offsite: { endpoint: siteStore('dr'), bucket: 'offsite-incrementals' } } }),
      otherEnvironments: { dr: drSide(drDrill()) },
      message: 'its backups write no common off-site copy',
    },
    {
      name: 'drill time zone unset',
      terraform: prod(),
      otherEnvironments: { dr: drSide(drDrill({ timeZone: null })) },
      message: 'data store his-db: restore drill schedule cannot be judged: kubernetes_cron_job_v1.his-db-restore-drill spec[0].timezone is unset',
    },
    {
      name: 'drill every two months',
      terraform: prod(),
      otherEnvironments: { dr: drSide(drDrill({ schedule: '0 10 1 */2 *' })) },
      message: `data store his-db: restore drills (${drill}) are up to 1488 h (62 days) apart, more than a month (plan: backup.restoreDrill.every = month)`,
    },
    {
      name: 'drill quarterly',
      terraform: prod(),
      otherEnvironments: { dr: drSide(drDrill({ schedule: '0 10 1 1,4,7,10 *' })) },
      message: 'more than a month (plan: backup.restoreDrill.every = month)',
    },
    {
      name: 'a drill on the 30th misses February',
      terraform: prod(),
      otherEnvironments: { dr: drSide(drDrill({ schedule: '0 10 30 * *' })) },
      message: 'apart, more than a month',
    },
  ],
  skip: [
    {
      name: 'a non-production environment the plan places at no site',
      environment: 'hospital-007',
      terraform: compliantStore('his-db'),
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'data store his-db: the plan places environment hospital-007 at no site (backup.sites)',
    },
    {
      name: 'the off-site site is not part of the check',
      terraform: compliantStore('his-db'),
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'data store his-db: the restore drill is expected in environment dr, which is not part of this check',
    },
  ],
};
