import type { RuleFixtures } from '../fixtures';
import { backupCronJob, compliantStore, dataStoreStatefulSet, terraform } from './fixture-builders';

export const backupRpoFixtures: RuleFixtures = {
  ruleId: 'backup/rpo',
  pass: [
    { name: 'daily incremental at 02:00 Asia/Shanghai and Sunday full', terraform: compliantStore('his-db'), resource: 'kubernetes_stateful_set_v1.his-db' },
    {
      name: 'incremental every 6 hours with a step in a DST zone',
      terraform: compliantStore('emr-db', { incremental: { schedule: '0 */6 * * *', timeZone: 'Europe/Berlin' }, full: { timeZone: 'Europe/Berlin' } }),
    },
  ],
  fail: [
    {
      name: 'weekday-only incremental',
      terraform: compliantStore('his-db', { incremental: { schedule: '0 2 * * 1-5' } }),
      resource: 'kubernetes_stateful_set_v1.his-db',
      message: 'RPO 47 h exceeds 24 h',
    },
    {
      name: 'daily 02:00 in New York (full on Saturdays) is 25 h apart when clocks go back',
      terraform: compliantStore('lis-db', { incremental: { timeZone: 'America/New_York' }, full: { schedule: '0 1 * * 6', timeZone: 'America/New_York' } }),
      message: 'RPO 25 h exceeds 24 h',
    },
    { name: 'timezone unset', terraform: compliantStore('his-db', { incremental: { timeZone: null } }), message: 'timezone is unset' },
    { name: 'incremental suspended', terraform: compliantStore('his-db', { incremental: { suspend: true } }), message: 'exceeds 24 h' },
    { name: 'medical store without backups', terraform: terraform(dataStoreStatefulSet('pacs-index-db')), message: 'has no backup CronJob' },
    { name: 'only a weekly full', terraform: terraform(backupCronJob('emr-db', 'full')), message: 'RPO 168 h (7 days) exceeds 24 h' },
  ],
};
