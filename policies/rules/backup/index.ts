import type { Rule } from '../../model';
import type { RuleFixtures } from '../fixtures';
import { backupAnnotationsMatchContainers } from './annotations-match-containers';
import { backupAnnotationsMatchContainersFixtures } from './annotations-match-containers.fixtures';
import { backupFullWeekly } from './full-weekly';
import { backupFullWeeklyFixtures } from './full-weekly.fixtures';
import { backupOffsiteCopy } from './offsite-copy';
import { backupOffsiteCopyFixtures } from './offsite-copy.fixtures';
import { backupRestoreDrillMonthly } from './restore-drill-monthly';
import { backupRestoreDrillMonthlyFixtures } from './restore-drill-monthly.fixtures';
import { backupRpo } from './rpo';
import { backupRpoFixtures } from './rpo.fixtures';
import { backupTwoLocalCopies } from './two-local-copies';
import { backupTwoLocalCopiesFixtures } from './two-local-copies.fixtures';

/** Backups of clinical data stores: RPO and daily time, weekly full, two local copies, off-site copy, monthly restore drill, documentation that matches. */
export const rules: readonly Rule[] = [backupRpo, backupFullWeekly, backupTwoLocalCopies, backupOffsiteCopy, backupRestoreDrillMonthly, backupAnnotationsMatchContainers];
export const fixtures: readonly RuleFixtures[] = [
  backupRpoFixtures,
  backupFullWeeklyFixtures,
  backupTwoLocalCopiesFixtures,
  backupOffsiteCopyFixtures,
  backupRestoreDrillMonthlyFixtures,
  backupAnnotationsMatchContainersFixtures,
];
