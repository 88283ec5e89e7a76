import type { Rule } from '../../model';
import { retentionMedicalRecords } from './medical-records';
import { retentionOperationLogs } from './operation-logs';
import { retentionApplicationLogs } from './application-logs';

/** Retention periods (medical records ≥ 30 years; operation and audit logs ≥ 10 years; application logs ≥ 180 days). */
export const rules: readonly Rule[] = [retentionMedicalRecords, retentionOperationLogs, retentionApplicationLogs];
