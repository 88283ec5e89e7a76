import type { RuleFixtures } from '../fixtures';
import { BACKUP_ANNOTATIONS } from './facts';
import { backupCronJob } from './fixture-builders';

export const backupTwoLocalCopiesFixtures: RuleFixtures = {
  ruleId: 'backup/two-local-copies',
  pass: [{ name: 'PVC and on-site object store', terraform: backupCronJob('his-db', 'full'), resource: 'kubernetes_cron_job_v1.his-db-backup-full' }],
  fail: [
    {
      name: 'one local target',
      terraform: backupCronJob('his-db', 'incremental', { annotations: { [BACKUP_ANNOTATIONS.localTargets]: 'pvc://clinical-data/his-db-backup-local-a' } }),
      message: 'writes 1 distinct local target(s)',
    },
    {
      name: 'the same target twice',
      terraform: backupCronJob('his-db', 'incremental', {
        annotations: { [BACKUP_ANNOTATIONS.localTargets]: 'pvc://clinical-data/his-db-backup-local-a,pvc://clinical-data/his-db-backup-local-a' },
      }),
      message: 'expected 2',
    },
    {
      name: 'volume target not mounted',
      terraform: backupCronJob('his-db', 'full', {
        annotations: { [BACKUP_ANNOTATIONS.localTargets]: 'pvc://clinical-data/his-db-backup-local-a,pvc://clinical-data/his-db-backup-local-b' },
      }),
      message: 'mounts no volume with persistent_volume_claim.claim_name "his-db-backup-local-b"',
    },
  ],
};
