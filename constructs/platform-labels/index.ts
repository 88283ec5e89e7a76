/** Label keys the platform puts on namespaces and workloads; policies and alerts select on them. */
export const SEGMENT_LABEL = 'platform.hospital/segment';
export const TIER_LABEL = 'platform.hospital/tier';
export const DATA_CLASS_LABEL = 'platform.hospital/data-class';
export const SYSTEM_LABEL = 'platform.hospital/system';
export const TRACK_LABEL = 'platform.hospital/track';
/** On backup CronJobs: the kind of job (incremental, full, archive, restore-drill). */
export const BACKUP_LABEL = 'platform.hospital/backup';
/** On data stores and their backup CronJobs: the database's name. */
export const DATA_STORE_LABEL = 'platform.hospital/data-store';
export const NAME_LABEL = 'app.kubernetes.io/name';
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

export const PART_OF_PLATFORM = 'hospital-platform';

/** Labels every platform-managed object carries. */
export const platformLabels = (name: string): Record<string, string> => ({
  [NAME_LABEL]: name,
  [PART_OF_LABEL]: PART_OF_PLATFORM,
  [MANAGED_BY_LABEL]: 'terraform',
});
