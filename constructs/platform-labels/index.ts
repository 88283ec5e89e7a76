/**
 * Label keys the platform puts on namespaces and workloads; policies and alerts select on them. The keys
 * are the contract's (contract/index.ts), which the policy rules read too.
 */
import { LABEL_VALUES, LABELS } from '../../contract';

export const SEGMENT_LABEL = LABELS.segment;
export const TIER_LABEL = LABELS.tier;
export const DATA_CLASS_LABEL = LABELS.dataClass;
export const SYSTEM_LABEL = LABELS.system;
export const TRACK_LABEL = LABELS.track;
/** On backup CronJobs: the kind of job (incremental, full, archive, restore-drill). */
export const BACKUP_LABEL = LABELS.backup;
/** On data stores and their backup CronJobs: the database's name. */
export const DATA_STORE_LABEL = LABELS.dataStore;
export const NAME_LABEL = LABELS.appName;
export const PART_OF_LABEL = LABELS.partOf;
export const MANAGED_BY_LABEL = LABELS.managedBy;

export const PART_OF_PLATFORM = LABEL_VALUES.partOfPlatform;

/** Labels every platform-managed object carries. */
export const platformLabels = (name: string): Record<string, string> => ({
  [NAME_LABEL]: name,
  [PART_OF_LABEL]: PART_OF_PLATFORM,
  [MANAGED_BY_LABEL]: LABEL_VALUES.managedByTerraform,
});
