import type { RuleFixtures } from '../fixtures';
import { backupCronJob, compliantStore, terraform } from './fixture-builders';

export const backupFullWeeklyFixtures: RuleFixtures = {
  ruleId: 'backup/full-weekly',
  pass: [
    { name: 'full every Sunday 01:00', terraform: compliantStore('his-db') },
    { name: 'weekly full in a DST zone (169 h across the change)', terraform: compliantStore('emr-db', { full: { timeZone: 'America/New_York' } }) },
  ],
  fail: [
    { name: 'full on the 1st of the month only', terraform: compliantStore('his-db', { full: { schedule: '0 1 1 * *' } }), message: 'more than a week' },
    { name: 'no full backup job', terraform: terraform(backupCronJob('lis-db', 'incremental')), message: 'no CronJob labelled platform.hospital/backup=full' },
    { name: 'full job suspended', terraform: compliantStore('his-db', { full: { suspend: true } }), message: 'none, or all suspended' },
  ],
};
