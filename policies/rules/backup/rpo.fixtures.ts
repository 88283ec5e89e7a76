import type { RuleFixtures } from '../fixtures';
import { planWith, resource, workload } from '../fixture-builders';
import { LABELS, LABEL_VALUES } from '../../labels';
import { backupCronJob, compliantStore, dataStoreStatefulSet, terraform, type BackupJobOptions } from './fixture-builders';

const berlinPlan = planWith({ backup: { sites: { main: { timeZone: 'Europe/Berlin' } } } });
/** Every backup CronJob of the store gets the same scripts ConfigMap change (they share it). */
const everyJob = (options: BackupJobOptions) => ({ full: options, incremental: options, archive: options });
const notMedical = { medical: false };
const declassified = terraform(
  dataStoreStatefulSet('his-db', notMedical),
  backupCronJob('his-db', 'full', notMedical),
  backupCronJob('his-db', 'incremental', { ...notMedical, suspend: true }),
);

export const backupRpoFixtures: RuleFixtures = {
  ruleId: 'backup/rpo',
  pass: [
    {
      name: 'daily incremental at 02:00 Asia/Shanghai and Sunday full',
      terraform: compliantStore('his-db'),
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'data store his-db: RPO 24 h ≤ 24 h, a backup at 02:00 (Asia/Shanghai) every day, from "0 1 * * 0" Asia/Shanghai + "0 2 * * *" Asia/Shanghai',
    },
    {
      name: 'an extra incremental at 14:00 besides 02:00 (stricter than the plan)',
      terraform: compliantStore('his-db', { incremental: { schedule: '0 2,14 * * *' } }),
      message: 'RPO 12 h ≤ 24 h, a backup at 02:00 (Asia/Shanghai) every day',
    },
    {
      name: 'schedules written in UTC that run at 02:00 site time',
      terraform: compliantStore('his-db', { incremental: { schedule: '0 18 * * *', timeZone: 'UTC' }, full: { schedule: '0 17 * * 6', timeZone: 'UTC' } }),
      message: 'a backup at 02:00 (Asia/Shanghai) every day, from "0 17 * * 6" UTC + "0 18 * * *" UTC',
    },
    {
      name: 'another hospital’s site in a DST zone: every 6 hours from 02:00 Europe/Berlin (the skipped 02:00 in March is not asked for)',
      terraform: compliantStore('emr-db', { incremental: { schedule: '0 2/6 * * *', timeZone: 'Europe/Berlin' }, full: { timeZone: 'Europe/Berlin' } }),
      options: { plan: berlinPlan },
      message: 'a backup at 02:00 (Europe/Berlin) every day',
    },
    {
      name: 'a suspended extra incremental beside the daily one is left out',
      terraform: terraform(
        compliantStore('his-db'),
        backupCronJob('his-db', 'incremental', { resourceName: 'his-db-backup-legacy', schedule: '0 2 1 * *', timeZone: null, suspend: true }),
      ),
      message: 'from "0 1 * * 0" Asia/Shanghai + "0 2 * * *" Asia/Shanghai',
    },
    {
      name: 'PostgreSQL backed up by pgBackRest, the database named by pg1-host of its configuration',
      terraform: terraform(compliantStore('emr-db', everyJob({ engine: 'postgresql' })), dataStoreStatefulSet('emr-db', { ports: [5432, 8432] })),
      resource: 'kubernetes_stateful_set_v1.emr-db',
      message: 'data store emr-db: RPO 24 h ≤ 24 h',
    },
    {
      name: 'the backup reaches the store through a Service selecting its pods',
      terraform: terraform(
        compliantStore('his-db', everyJob({ dbHost: 'his-db-primary.clinical-data.svc.cluster.local' })),
        resource('kubernetes_service_v1', 'his-db-primary', {
          metadata: { name: 'his-db-primary', namespace: 'clinical-data' },
          spec: { selector: { [LABELS.appName]: 'his-db' } },
        }),
      ),
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'data store his-db: RPO 24 h ≤ 24 h',
    },
    {
      name: 'a medical Deployment that is not a data store (no data-store label) is not judged',
      terraform: terraform(
        compliantStore('his-db'),
        workload('kubernetes_deployment_v1', 'his-api', { labels: { [LABELS.dataClass]: LABEL_VALUES.medicalRecord } }),
      ),
      resource: 'kubernetes_stateful_set_v1.his-db',
    },
  ],
  fail: [
    {
      name: 'incremental at 14:00 instead of 02:00',
      terraform: compliantStore('his-db', { incremental: { schedule: '0 14 * * *' } }),
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'data store his-db: no backup runs at 02:00 (Asia/Shanghai) on ',
    },
    {
      name: 'incremental at 02:00 UTC (10:00 at the site)',
      terraform: compliantStore('his-db', { incremental: { timeZone: 'UTC' } }),
      message: '(plan: backup.incremental.at = 02:00 every day); spec[0].schedule: "0 1 * * 0" Asia/Shanghai + "0 2 * * *" UTC',
    },
    {
      name: 'incremental on the last day of the month (L): cron-parser computes runs, kube-apiserver rejects the CronJob',
      terraform: compliantStore('his-db', { incremental: { schedule: '0 2 L * *' } }),
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'Kubernetes rejects it',
    },
    {
      name: 'time zone spelled in lower case (Kubernetes looks it up case-sensitively)',
      terraform: compliantStore('his-db', { incremental: { timeZone: 'asia/shanghai' } }),
      message: 'canonical IANA time zone name "Asia/Shanghai"',
    },
    { name: 'incremental at 02:30', terraform: compliantStore('his-db', { incremental: { schedule: '30 2 * * *' } }), message: 'no backup runs at 02:00' },
    {
      name: 'weekday-only incremental',
      terraform: compliantStore('his-db', { incremental: { schedule: '0 2 * * 1-5' } }),
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'data store his-db: RPO 47 h exceeds 24 h (plan: backup.maxGapHours = 24): the longest gap between backups (from ',
    },
    {
      name: 'daily 02:00 in New York (full on Saturdays) is 25 h apart when clocks go back',
      terraform: compliantStore('lis-db', { incremental: { timeZone: 'America/New_York' }, full: { schedule: '0 1 * * 6', timeZone: 'America/New_York' } }),
      message: 'RPO 25 h exceeds 24 h',
    },
    {
      name: 'a plan store labelled without medical records in production is still judged',
      terraform: declassified,
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'data store his-db: RPO 168 h (7 days) exceeds 24 h',
    },
    {
      name: 'the incremental backup connects to another data store',
      failing: ['kubernetes_stateful_set_v1.emr-db', 'kubernetes_stateful_set_v1.his-db'],
      terraform: terraform(compliantStore('his-db', { incremental: { dbHost: 'emr-db-0.emr-db.clinical-data.svc' } }), dataStoreStatefulSet('emr-db')),
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'data store his-db: RPO 168 h (7 days) exceeds 24 h',
    },
    {
      name: 'the incremental backup backs up another data store (its address and its data files): the message says what it runs',
      terraform: terraform(
        compliantStore('his-db', { incremental: { dbHost: 'emr-db-0.emr-db.clinical-data.svc', dataClaim: 'data-emr-db-0' } }),
        dataStoreStatefulSet('emr-db'),
      ),
      resource: 'kubernetes_stateful_set_v1.his-db',
      message:
        'kubernetes_cron_job_v1.his-db-backup-incremental is labelled an incremental job of his-db, but it backs up clinical-data/emr-db (env DB_HOST = emr-db-0.emr-db.clinical-data.svc)',
    },
    {
      name: 'the backup reads another store’s data files',
      failing: ['kubernetes_stateful_set_v1.emr-db', 'kubernetes_stateful_set_v1.his-db'],
      terraform: terraform(compliantStore('his-db', { incremental: { dataClaim: 'data-emr-db-0' } }), dataStoreStatefulSet('emr-db')),
      message:
        'it reads the data files of clinical-data/emr-db (volume claim data-emr-db-0) while connecting to clinical-data/his-db (his-db-0.his-db.clinical-data.svc)',
    },
    {
      name: 'the backup connects to a port the database does not listen on',
      terraform: terraform(
        dataStoreStatefulSet('his-db', { ports: [3306] }),
        backupCronJob('his-db', 'full'),
        backupCronJob('his-db', 'incremental', { env: { backup: { DB_PORT: '3307' } } }),
      ),
      message: 'its backup step backup connects to no known data store (env DB_PORT: 3307 is no port clinical-data/his-db listens on (3306))',
    },
    {
      name: 'the incremental backup connects to an IP address',
      terraform: compliantStore('his-db', { incremental: { dbHost: '10.40.0.17' } }),
      message: 'but its backup step backup connects to no known data store (env DB_HOST: 10.40.0.17 is an IP address',
    },
    {
      name: 'the incremental backup connects to a pod of no StatefulSet of the namespace',
      terraform: compliantStore('his-db', { incremental: { dbHost: 'his-db-0.his-db-old.clinical-data.svc' } }),
      message: 'his-db-0.his-db-old.clinical-data.svc reaches no data store StatefulSet of the input',
    },
    {
      name: 'the backup container removed from the incremental job',
      terraform: compliantStore('his-db', { incremental: { steps: ['canary', 'copy-local', 'offsite-copy'] } }),
      message:
        'kubernetes_cron_job_v1.his-db-backup-incremental is labelled an incremental job of his-db, but it runs no backup step (containers: canary, copy-local, offsite-copy)',
    },
    {
      name: 'the backup script stops before its backup command',
      terraform: compliantStore(
        'his-db',
        everyJob({ scripts: { 'mysql-backup.sh': '#!/bin/bash\nexit 0\nxtrabackup --backup --target-dir="$BACKUP_ROOT/sets/$SET_ID"\n' } }),
      ),
      message: 'data store his-db holds medical records but no CronJob runs a full or incremental backup of it',
    },
    {
      name: 'the backup command commented out',
      terraform: compliantStore(
        'his-db',
        everyJob({ scripts: { 'mysql-backup.sh': '#!/bin/bash\n# xtrabackup --backup --target-dir="$BACKUP_ROOT/sets/$SET_ID"\ntrue\n' } }),
      ),
      message: 'but it runs no backup step',
    },
    {
      name: 'the backup runs a script of the image, which the Terraform does not show',
      terraform: compliantStore('his-db', everyJob({ containers: { backup: { command: ['/bin/bash', '/usr/local/bin/mysql-backup.sh'] } } })),
      message: 'cannot read /usr/local/bin/mysql-backup.sh: /usr/local/bin/mysql-backup.sh is on no volume',
    },
    {
      name: 'the backup level known only after apply',
      terraform: compliantStore('his-db', { incremental: { args: { backup: ['${var.backup_level}'] } } }),
      message: 'its command or args are known only after apply; failing closed',
    },
    {
      name: 'the backup level missing',
      terraform: compliantStore('his-db', { incremental: { args: { backup: [] } } }),
      message: 'its backup step backup names no level: its first argument is null, not full or incremental',
    },
    {
      name: 'DB_HOST from a Secret',
      terraform: compliantStore('his-db', {
        incremental: {
          containers: {
            backup: {
              env: [
                { name: 'BACKUP_ROOT', value: '/backup/local-a/his-db' },
                { name: 'DB_HOST', value_from: { secret_key_ref: { name: 'db-address', key: 'host' } } },
              ],
            },
          },
        },
      }),
      message: 'env DB_HOST: it comes from Secret db-address; failing closed',
    },
    {
      name: 'pgBackRest configured without pg1-host backs up no database server',
      terraform: terraform(
        compliantStore('emr-db', everyJob({ engine: 'postgresql' })),
        resource('kubernetes_config_map_v1', 'emr-db-pgbackrest-client', {
          metadata: { name: 'emr-db-pgbackrest-client', namespace: 'clinical-data' },
          data: { 'pgbackrest.conf': '[global]\nrepo1-path=/backup/local-a/emr-db/pgbackrest\n\n[emr]\npg1-path=/var/lib/postgresql/data\n' },
        }),
      ),
      message: 'pgbackrest.conf sets no pg1-host',
    },
    {
      name: 'schedule unset',
      terraform: compliantStore('his-db', { incremental: { schedule: null } }),
      message: 'RPO cannot be computed: kubernetes_cron_job_v1.his-db-backup-incremental spec[0].schedule is unset',
    },
    {
      name: 'backups on 29 February only (no worst gap to name)',
      terraform: compliantStore('his-db', { incremental: { schedule: '0 2 29 2 *' }, full: { schedule: '0 1 29 2 *' } }),
      message:
        'data store his-db: RPO ∞ (runs less than twice a year) exceeds 24 h (plan: backup.maxGapHours = 24): the longest gap between backups with "0 1 29 2 *" Asia/Shanghai + "0 2 29 2 *" Asia/Shanghai',
    },
    {
      name: 'timezone unset',
      terraform: compliantStore('his-db', { incremental: { timeZone: null } }),
      message: 'data store his-db: RPO cannot be computed: kubernetes_cron_job_v1.his-db-backup-incremental spec[0].timezone is unset',
    },
    { name: 'timezone empty', terraform: compliantStore('his-db', { incremental: { timeZone: '' } }), message: 'spec[0].timezone is unset' },
    {
      name: 'timezone known only after apply',
      terraform: compliantStore('his-db', { incremental: { timeZone: '${var.site_zone}' } }),
      message: 'spec[0].timezone is known only after apply; failing closed',
    },
    {
      name: 'schedule known only after apply',
      terraform: compliantStore('his-db', { full: { schedule: '${var.full_schedule}' } }),
      message: 'kubernetes_cron_job_v1.his-db-backup-full spec[0].schedule is known only after apply; failing closed',
    },
    {
      name: 'a four-field schedule',
      terraform: compliantStore('his-db', { incremental: { schedule: '0 2 * *' } }),
      message: 'spec[0].schedule: expected 5 cron fields, got "0 2 * *"',
    },
    {
      name: 'an unknown time zone',
      terraform: compliantStore('his-db', { incremental: { timeZone: 'Asia/Beijing' } }),
      message: 'spec[0].schedule: unknown time zone "Asia/Beijing"',
    },
    { name: 'incremental suspended', terraform: compliantStore('his-db', { incremental: { suspend: true } }), message: 'RPO 168 h (7 days) exceeds 24 h' },
    {
      name: 'every backup job suspended',
      terraform: compliantStore('his-db', { incremental: { suspend: true }, full: { suspend: true } }),
      message: 'RPO cannot be computed: no CronJob that runs (none, or all suspended)',
    },
    {
      name: 'medical store without backups',
      terraform: terraform(dataStoreStatefulSet('pacs-index-db')),
      resource: 'kubernetes_stateful_set_v1.pacs-index-db',
      message: 'data store pacs-index-db holds medical records but no CronJob runs a full or incremental backup of it',
    },
    {
      name: 'medical store with an archive job only',
      terraform: terraform(dataStoreStatefulSet('his-db'), backupCronJob('his-db', 'archive')),
      message:
        'data store his-db holds medical records but no CronJob runs a full or incremental backup of it; kubernetes_cron_job_v1.his-db-archive is labelled an archive job of his-db, but it archives pvc://clinical-data/his-db-backup-local-a/his-db, which no backup of this store writes',
    },
    {
      name: 'only a weekly full',
      terraform: terraform(backupCronJob('emr-db', 'full')),
      resource: 'kubernetes_cron_job_v1.emr-db-backup-full',
      message: 'RPO 168 h (7 days) exceeds 24 h',
    },
  ],
  skip: [
    {
      name: 'a store without medical records or backups',
      terraform: terraform(dataStoreStatefulSet('cache', notMedical)),
      resource: 'kubernetes_stateful_set_v1.cache',
      message: 'data store cache has no backup CronJobs and holds no medical records',
    },
    {
      name: 'a store without medical records, weekly backups',
      terraform: terraform(dataStoreStatefulSet('cache', notMedical), backupCronJob('cache', 'full', notMedical)),
      resource: 'kubernetes_stateful_set_v1.cache',
      message: 'data store cache holds no medical records; RPO 168 h (7 days) from "0 1 * * 0" Asia/Shanghai',
    },
    {
      name: 'a store without medical records whose schedule cannot be judged',
      terraform: terraform(backupCronJob('cache', 'incremental', { medical: false, timeZone: null })),
      resource: 'kubernetes_cron_job_v1.cache-backup-incremental',
      message: 'data store cache: RPO cannot be computed',
    },
    {
      name: 'staging holds test data: a plan store labelled without medical records is not judged there',
      environment: 'staging',
      terraform: declassified,
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'data store his-db holds no medical records; RPO 168 h (7 days)',
    },
  ],
};
