import type { RuleFixtures } from '../fixtures';
import { BACKUP_ANNOTATIONS } from './facts';
import { backupCronJob } from './fixture-builders';

export const backupOffsiteCopyFixtures: RuleFixtures = {
  ruleId: 'backup/offsite-copy',
  pass: [{ name: 'incremental copied to the dr site', terraform: backupCronJob('his-db', 'incremental'), resource: 'kubernetes_cron_job_v1.his-db-backup-incremental' }],
  fail: [
    {
      name: 'no off-site target',
      terraform: backupCronJob('his-db', 'incremental', {
        annotations: { [BACKUP_ANNOTATIONS.offsiteTarget]: null, [BACKUP_ANNOTATIONS.offsiteSite]: null },
        steps: ['canary', 'backup', 'copy-local'],
      }),
      message: 'has no off-site target',
    },
    {
      name: 'off-site target at the same site',
      terraform: backupCronJob('his-db', 'full', { annotations: { [BACKUP_ANNOTATIONS.offsiteSite]: 'prod' } }),
      message: "the environment's own site",
    },
    {
      name: 'off-site target declared but no copy step',
      terraform: backupCronJob('emr-db', 'full', { steps: ['canary', 'backup', 'copy-local'] }),
      message: 'has no "offsite-copy" container',
    },
  ],
};
