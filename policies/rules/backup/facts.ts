/**
 * The backup facts rules and the report read from synthesized Terraform: backup CronJobs (by their
 * `platform.hospital/backup` label), the data store each serves (`platform.hospital/data-store`), and
 * the annotations the backup construct writes (targets, retention, drill source). Only Terraform JSON
 * is read, so hand-written Terraform that follows the same labels is judged the same way.
 */
import { perEnvironment } from '../../estate';
import { CRON_JOB_TYPES, DEPLOYMENT_TYPES, STATEFUL_SET_TYPES, objectName, workloadLabels } from '../../kubernetes';
import { LABELS, LABEL_VALUES } from '../../labels';
import { isUnknown, type Estate, type Resource } from '../../model';
import { bool, get, map, str, type Values } from '../../values';

export const BACKUP_LABEL = LABELS.backup;
export const DATA_STORE_LABEL = LABELS.dataStore;

/** Annotations on backup CronJobs; the values are written by `constructs/backup`. */
export const BACKUP_ANNOTATIONS = {
  engine: 'platform.hospital/engine',
  /** Comma-separated target URIs: `pvc://<namespace>/<claim>` or `s3://<host>/<bucket>/<prefix>`. */
  localTargets: 'platform.hospital/backup-local-targets',
  offsiteTarget: 'platform.hospital/backup-offsite-target',
  /** The environment (site) the off-site copy lands in. */
  offsiteSite: 'platform.hospital/backup-offsite-site',
  archiveTarget: 'platform.hospital/backup-archive-target',
  /** `COMPLIANCE` or `GOVERNANCE`. */
  objectLock: 'platform.hospital/archive-object-lock',
  retentionYears: 'platform.hospital/retention-years',
  /** On restore-drill CronJobs: whose backups are restored, and from where. */
  drillSourceEnvironment: 'platform.hospital/drill-source-environment',
  drillSource: 'platform.hospital/drill-source',
} as const;

export const BACKUP_KINDS = ['incremental', 'full', 'restore-drill', 'archive', 'offsite-copy'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export interface BackupJob {
  readonly resource: Resource;
  readonly kind: BackupKind;
  readonly dataStore: string;
  readonly medical: boolean;
  /** `spec.schedule`: a string, an UnknownValue, or undefined. */
  readonly schedule: unknown;
  /** `spec.timezone`: a string, an UnknownValue, or undefined (the controller's zone). */
  readonly timeZone: unknown;
  readonly suspended: boolean;
  readonly annotations: Values;
}

/** The backup facts of one CronJob, or undefined when it carries no known `platform.hospital/backup` label. */
export function backupJobOf(resource: Resource): BackupJob | undefined {
  if (!CRON_JOB_TYPES.includes(resource.type)) return undefined;
  const labels = workloadLabels(resource);
  const kind = labels[BACKUP_LABEL];
  if (!(BACKUP_KINDS as readonly unknown[]).includes(kind)) return undefined;
  const annotations = map(resource.values, 'metadata[0].annotations');
  return {
    resource,
    kind: kind as BackupKind,
    dataStore: str(labels[DATA_STORE_LABEL]) ?? objectName(resource) ?? resource.address,
    medical: labels[LABELS.dataClass] === LABEL_VALUES.medicalRecord,
    schedule: get(resource.values, 'spec[0].schedule'),
    timeZone: get(resource.values, 'spec[0].timezone'),
    suspended: bool(get(resource.values, 'spec[0].suspend')) === true,
    annotations: isUnknown(annotations) ? {} : annotations,
  };
}

/** Every backup CronJob of an environment (or of the whole estate). */
export function backupJobs(estate: Estate, environment?: string): BackupJob[] {
  return CRON_JOB_TYPES.flatMap((type) => estate.byType(type, environment))
    .map(backupJobOf)
    .filter((job): job is BackupJob => job !== undefined);
}

/** One data store of one environment, with its backup CronJobs. */
export interface DataStoreFacts {
  readonly environment: string;
  readonly name: string;
  readonly medical: boolean;
  /** The StatefulSet/Deployment running it, when the input declares one. */
  readonly workload?: Resource;
  readonly jobs: readonly BackupJob[];
}

/**
 * Data stores of an environment: workloads labelled `platform.hospital/data-store` or
 * `platform.hospital/data-class: medical-record`, and every store a backup CronJob names. Five rules and
 * the report ask for the same environment's stores: computed once per estate.
 */
export const dataStoresOf = perEnvironment(findDataStores);

function findDataStores(estate: Estate, environment: string): DataStoreFacts[] {
  const stores = new Map<string, { medical: boolean; workload?: Resource; jobs: BackupJob[] }>();
  const entry = (name: string) => {
    let found = stores.get(name);
    if (!found) stores.set(name, (found = { medical: false, jobs: [] }));
    return found;
  };
  for (const type of [...STATEFUL_SET_TYPES, ...DEPLOYMENT_TYPES]) {
    for (const resource of estate.byType(type, environment)) {
      const labels = workloadLabels(resource);
      const storeName = str(labels[DATA_STORE_LABEL]);
      const medical = labels[LABELS.dataClass] === LABEL_VALUES.medicalRecord;
      if (!storeName && !(medical && STATEFUL_SET_TYPES.includes(type))) continue;
      const store = entry(storeName ?? objectName(resource) ?? resource.address);
      store.workload = resource;
      store.medical ||= medical;
    }
  }
  for (const job of backupJobs(estate, environment)) {
    if (job.kind === 'restore-drill') continue; // a drill belongs to the store it restores (another site's)
    const store = entry(job.dataStore);
    store.jobs.push(job);
    store.medical ||= job.medical;
  }
  return [...stores.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, store]) => ({ environment, name, ...store }));
}

/** The address a finding about a data store is reported on: its workload, else its first backup job. */
export function subjectOf(store: DataStoreFacts): { resource: string; file: string } {
  // A store exists because a workload or a backup job names it: one of them is always there.
  const resource = store.workload ?? store.jobs.find((job) => job.kind === 'incremental')?.resource ?? store.jobs[0]!.resource;
  return { resource: resource.address, file: resource.file };
}

/** Comma-separated annotation → trimmed, non-empty entries. */
export function annotationList(annotations: Values, key: string): string[] {
  const value = annotations[key];
  return typeof value === 'string' ? value.split(',').map((entry) => entry.trim()).filter(Boolean) : [];
}

export const annotation = (annotations: Values, key: string): string | undefined => {
  const value = annotations[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};
