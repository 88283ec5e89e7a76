/**
 * Fixture builders for the backup, retention and DR rules: backup CronJobs and data store StatefulSets
 * as `cdk.tf.json` holds them (labels and annotations as `constructs/backup` writes them). The defaults
 * are compliant; a failing fixture changes one thing.
 */
import { hardenedContainer, hardenedInitContainer, resource, terraform, workload } from '../fixture-builders';
import { LABELS, LABEL_VALUES } from '../../labels';
import { BACKUP_ANNOTATIONS, BACKUP_LABEL, DATA_STORE_LABEL, type BackupKind } from './facts';

type Json = Record<string, unknown>;

export interface BackupJobOptions {
  /** null: leave `schedule` unset. */
  readonly schedule?: string | null;
  /** null: leave `timezone` unset. */
  readonly timeZone?: string | null;
  readonly medical?: boolean;
  /** Annotations merged over the compliant defaults; a value of null removes the key. */
  readonly annotations?: Record<string, string | null>;
  readonly suspend?: boolean;
  /** Container names (the last is the main container); default canary → backup → copy-local → offsite-copy. */
  readonly steps?: readonly string[];
  readonly namespace?: string;
  /** Terraform resource name; default `<store>-<kind>`. */
  readonly resourceName?: string;
}

const DEFAULT_SCHEDULES: Record<BackupKind, string> = {
  incremental: '0 2 * * *',
  full: '0 1 * * 0',
  archive: '0 6 1 * *',
  'restore-drill': '0 10 1 * *',
  'offsite-copy': '0 4 * * *',
};

export const compliantAnnotations = (store: string, kind: BackupKind, namespace = 'clinical-data'): Record<string, string> =>
  kind === 'restore-drill'
    ? {
        [BACKUP_ANNOTATIONS.drillSourceEnvironment]: 'prod',
        [BACKUP_ANNOTATIONS.drillSource]: `s3://s3.backup.dr.hospital.internal/offsite-from-prod/${store}`,
      }
    : {
        [BACKUP_ANNOTATIONS.engine]: 'mysql',
        [BACKUP_ANNOTATIONS.localTargets]: `pvc://${namespace}/${store}-backup-local-a,s3://s3.backup.prod.hospital.internal/prod-backup-b/${store}`,
        [BACKUP_ANNOTATIONS.offsiteTarget]: `s3://s3.backup.dr.hospital.internal/offsite-from-prod/${store}`,
        [BACKUP_ANNOTATIONS.offsiteSite]: 'dr',
        [BACKUP_ANNOTATIONS.archiveTarget]: `s3://archive.hospital.internal/medical-archive-prod/${store}`,
        [BACKUP_ANNOTATIONS.objectLock]: 'COMPLIANCE',
        [BACKUP_ANNOTATIONS.retentionYears]: '30',
      };

/** One backup CronJob (Terraform JSON) for a data store. */
export function backupCronJob(store: string, kind: BackupKind, options: BackupJobOptions = {}): Json {
  const namespace = options.namespace ?? 'clinical-data';
  const name = kind === 'full' || kind === 'incremental' ? `${store}-backup-${kind}` : `${store}-${kind}`;
  const labels: Record<string, string> = {
    [LABELS.appName]: name,
    [BACKUP_LABEL]: kind,
    [DATA_STORE_LABEL]: store,
    ...((options.medical ?? true) ? { [LABELS.dataClass]: LABEL_VALUES.medicalRecord } : {}),
  };
  const annotations: Record<string, string> = { ...compliantAnnotations(store, kind, namespace) };
  for (const [key, value] of Object.entries(options.annotations ?? {})) {
    if (value === null) delete annotations[key];
    else annotations[key] = value;
  }
  const steps = options.steps ?? (kind === 'full' || kind === 'incremental' ? ['canary', 'backup', 'copy-local', 'offsite-copy'] : ['run']);
  const base = workload('kubernetes_cron_job_v1', options.resourceName ?? name, {
    name,
    namespace,
    labels,
    initContainers: steps.slice(0, -1).map((step) => hardenedInitContainer(step)),
    containers: [hardenedContainer(steps[steps.length - 1])],
    podSpec: {
      restart_policy: 'Never',
      volume: [{ name: 'local-a', persistent_volume_claim: { claim_name: `${store}-backup-local-a` } }],
    },
  }) as { resource: Record<string, Record<string, Json>> };
  const body = base.resource.kubernetes_cron_job_v1![options.resourceName ?? name]!;
  const spec = body.spec as Json;
  if (options.schedule === null) delete spec.schedule;
  else spec.schedule = options.schedule ?? DEFAULT_SCHEDULES[kind];
  if (options.timeZone !== null) spec.timezone = options.timeZone ?? 'Asia/Shanghai';
  spec.concurrency_policy = 'Forbid';
  if (options.suspend !== undefined) spec.suspend = options.suspend;
  (body.metadata as Json).annotations = annotations;
  return base;
}

/** The StatefulSet of a data store. */
export function dataStoreStatefulSet(store: string, options: { medical?: boolean; replicas?: number; namespace?: string } = {}): Json {
  return workload('kubernetes_stateful_set_v1', store, {
    namespace: options.namespace ?? 'clinical-data',
    replicas: options.replicas ?? 1,
    labels: {
      [DATA_STORE_LABEL]: store,
      [LABELS.tier]: LABEL_VALUES.coreTier,
      ...((options.medical ?? true) ? { [LABELS.dataClass]: LABEL_VALUES.medicalRecord } : {}),
    },
  });
}

/** A compliant medical data store in prod: StatefulSet, full, incremental and archive CronJobs. */
export function compliantStore(store: string, overrides: Partial<Record<BackupKind, BackupJobOptions>> = {}): Json {
  return terraform(
    dataStoreStatefulSet(store),
    backupCronJob(store, 'full', overrides.full),
    backupCronJob(store, 'incremental', overrides.incremental),
    backupCronJob(store, 'archive', overrides.archive),
  );
}

export { resource, terraform };
