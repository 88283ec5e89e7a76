import type { Rule } from '../../model';
import { backupAnnotationsMatchContainers } from './annotations-match-containers';
import { backupFullWeekly } from './full-weekly';
import { backupOffsiteCopy } from './offsite-copy';
import { backupRestoreDrillMonthly } from './restore-drill-monthly';
import { backupRpo } from './rpo';
import { backupTwoLocalCopies } from './two-local-copies';

/** Backups of clinical data stores: RPO and daily time, weekly full, two local copies, off-site copy, monthly restore drill, documentation that matches. */
export const rules: readonly Rule[] = [
  backupRpo,
  backupFullWeekly,
  backupTwoLocalCopies,
  backupOffsiteCopy,
  backupRestoreDrillMonthly,
  backupAnnotationsMatchContainers,
];
