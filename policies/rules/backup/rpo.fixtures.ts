import type { RuleFixtures } from '../fixtures';
import { workload } from '../fixture-builders';
import { LABELS, LABEL_VALUES } from '../../labels';
import { backupCronJob, compliantStore, dataStoreStatefulSet, terraform } from './fixture-builders';

export const backupRpoFixtures: RuleFixtures = {
  ruleId: 'backup/rpo',
  pass: [
    {
      name: 'daily incremental at 02:00 Asia/Shanghai and Sunday full',
      terraform: compliantStore('his-db'),
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'data store his-db: RPO 24 h ≤ 24 h from "0 1 * * 0" Asia/Shanghai + "0 2 * * *" Asia/Shanghai',
    },
    {
      name: 'incremental every 6 hours with a step in a DST zone',
      terraform: compliantStore('emr-db', { incremental: { schedule: '0 */6 * * *', timeZone: 'Europe/Berlin' }, full: { timeZone: 'Europe/Berlin' } }),
      message: 'RPO 6 h ≤ 24 h',
    },
    {
      name: 'a suspended extra incremental beside the daily one is left out',
      terraform: terraform(compliantStore('his-db'), backupCronJob('his-db', 'incremental', { resourceName: 'his-db-backup-legacy', schedule: '0 2 1 * *', timeZone: null, suspend: true })),
      message: 'from "0 1 * * 0" Asia/Shanghai + "0 2 * * *" Asia/Shanghai',
    },
    {
      name: 'a medical Deployment that is not a data store (no data-store label) is not judged',
      terraform: terraform(compliantStore('his-db'), workload('kubernetes_deployment_v1', 'his-api', { labels: { [LABELS.dataClass]: LABEL_VALUES.medicalRecord } })),
      resource: 'kubernetes_stateful_set_v1.his-db',
    },
  ],
  fail: [
    {
      name: 'weekday-only incremental',
      terraform: compliantStore('his-db', { incremental: { schedule: '0 2 * * 1-5' } }),
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'data store his-db: RPO 47 h exceeds 24 h: the longest gap between backups (from ',
    },
    {
      name: 'daily 02:00 in New York (full on Saturdays) is 25 h apart when clocks go back',
      terraform: compliantStore('lis-db', { incremental: { timeZone: 'America/New_York' }, full: { schedule: '0 1 * * 6', timeZone: 'America/New_York' } }),
      message: 'RPO 25 h exceeds 24 h',
    },
    { name: 'schedule unset', terraform: compliantStore('his-db', { incremental: { schedule: null } }), message: 'RPO cannot be computed: kubernetes_cron_job_v1.his-db-backup-incremental spec[0].schedule is unset' },
    {
      name: 'backups on 29 February only (no worst gap to name)',
      terraform: compliantStore('his-db', { incremental: { schedule: '0 2 29 2 *' }, full: { schedule: '0 1 29 2 *' } }),
      message: 'data store his-db: RPO ∞ (runs less than twice a year) exceeds 24 h: the longest gap between backups with "0 1 29 2 *" Asia/Shanghai + "0 2 29 2 *" Asia/Shanghai',
    },
    { name: 'timezone unset', terraform: compliantStore('his-db', { incremental: { timeZone: null } }), message: 'data store his-db: RPO cannot be computed: kubernetes_cron_job_v1.his-db-backup-incremental spec[0].timezone is unset' },
    { name: 'timezone empty', terraform: compliantStore('his-db', { incremental: { timeZone: '' } }), message: 'spec[0].timezone is unset' },
    { name: 'timezone known only after apply', terraform: compliantStore('his-db', { incremental: { timeZone: '${var.site_zone}' } }), message: 'spec[0].timezone is known only after apply; failing closed' },
    { name: 'schedule known only after apply', terraform: compliantStore('his-db', { full: { schedule: '${var.full_schedule}' } }), message: 'kubernetes_cron_job_v1.his-db-backup-full spec[0].schedule is known only after apply; failing closed' },
    { name: 'a four-field schedule', terraform: compliantStore('his-db', { incremental: { schedule: '0 2 * *' } }), message: 'spec[0].schedule: expected 5 cron fields, got "0 2 * *"' },
    { name: 'an unknown time zone', terraform: compliantStore('his-db', { incremental: { timeZone: 'Asia/Beijing' } }), message: 'spec[0].schedule: unknown time zone "Asia/Beijing"' },
    { name: 'incremental suspended', terraform: compliantStore('his-db', { incremental: { suspend: true } }), message: 'RPO 168 h (7 days) exceeds 24 h' },
    { name: 'every backup job suspended', terraform: compliantStore('his-db', { incremental: { suspend: true }, full: { suspend: true } }), message: 'RPO cannot be computed: no CronJob that runs (none, or all suspended)' },
    { name: 'medical store without backups', terraform: terraform(dataStoreStatefulSet('pacs-index-db')), resource: 'kubernetes_stateful_set_v1.pacs-index-db', message: 'data store pacs-index-db holds medical records but has no backup CronJob labelled platform.hospital/backup=incremental or full' },
    { name: 'medical store with an archive job only', terraform: terraform(dataStoreStatefulSet('his-db'), backupCronJob('his-db', 'archive')), message: 'data store his-db holds medical records but has no backup CronJob' },
    { name: 'only a weekly full', terraform: terraform(backupCronJob('emr-db', 'full')), resource: 'kubernetes_cron_job_v1.emr-db-backup-full', message: 'RPO 168 h (7 days) exceeds 24 h' },
  ],
  skip: [
    {
      name: 'a store without medical records or backups',
      terraform: terraform(dataStoreStatefulSet('cache', { medical: false })),
      resource: 'kubernetes_stateful_set_v1.cache',
      message: 'data store cache has no backup CronJobs and holds no medical records',
    },
    {
      name: 'a store without medical records, weekly backups',
      terraform: terraform(dataStoreStatefulSet('cache', { medical: false }), backupCronJob('cache', 'full', { medical: false })),
      resource: 'kubernetes_stateful_set_v1.cache',
      message: 'data store cache holds no medical records; RPO 168 h (7 days) from "0 1 * * 0" Asia/Shanghai',
    },
    {
      name: 'a store without medical records whose schedule cannot be judged',
      terraform: terraform(backupCronJob('cache', 'incremental', { medical: false, timeZone: null })),
      resource: 'kubernetes_cron_job_v1.cache-backup-incremental',
      message: 'data store cache: RPO cannot be computed',
    },
  ],
};
