import type { Rule } from '../../model';
import type { RuleFixtures } from '../fixtures';
import { retentionMedicalRecords } from './medical-records';
import { retentionMedicalRecordsFixtures } from './medical-records.fixtures';
import { retentionOperationLogs } from './operation-logs';
import { retentionOperationLogsFixtures } from './operation-logs.fixtures';
import { retentionApplicationLogs } from './application-logs';
import { retentionApplicationLogsFixtures } from './application-logs.fixtures';

/** Retention periods (medical records ≥ 30 years; operation and audit logs ≥ 10 years; application logs ≥ 180 days). */
export const rules: readonly Rule[] = [retentionMedicalRecords, retentionOperationLogs, retentionApplicationLogs];
export const fixtures: readonly RuleFixtures[] = [retentionMedicalRecordsFixtures, retentionOperationLogsFixtures, retentionApplicationLogsFixtures];
