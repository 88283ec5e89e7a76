/**
 * The backup facts rules and the report read from synthesized Terraform: the data stores of an
 * environment and the CronJobs that back them up, archive them or drill their restore — each CronJob
 * judged by what its containers run (`runtime.ts`), never by its labels or annotations. Labels only add:
 * a CronJob labelled `platform.hospital/backup` is looked at even when it runs nothing recognisable (and
 * then counts for nothing), and a workload labelled as a data store is a data store.
 *
 * Which stores hold medical records: in a production environment (policy option
 * `productionEnvironments`) every store the plan lists (`medicalRecordStores`) does, whatever its labels
 * say; elsewhere (test data) a store holds medical records when its labels say so.
 */
import { perEnvironment } from '../../estate';
import { CRON_JOB_TYPES, DEPLOYMENT_TYPES, namespaceOf, objectName, STATEFUL_SET_TYPES, workloadLabels } from '../../kubernetes';
import { BACKUP_ANNOTATIONS, BACKUP_KINDS, type BackupKind } from '../../../contract';
import { LABELS, LABEL_VALUES } from '../../labels';
import { isUnknown, type Estate, type Resource } from '../../model';
import { policyOptions, isProductionEnvironment } from '../../options';
import { plannedStoreAt } from '../../plan/facts';
import { bool, get, map, str, type Values } from '../../values';
import { backupRunOf, contains, describeLocation, type BackupRun, type StoreRef } from './runtime';

export const BACKUP_LABEL = LABELS.backup;
export const DATA_STORE_LABEL = LABELS.dataStore;

/** The annotations the backup construct writes and the backup kinds: the contract's (contract/index.ts). */
export { BACKUP_ANNOTATIONS, BACKUP_KINDS, type BackupKind };

export interface BackupJob {
  readonly resource: Resource;
  readonly run: BackupRun;
  /** What runs: the level of its engine backup, an archive or a restore drill; undefined when none of them. */
  readonly kind: BackupKind | undefined;
  /** What its `platform.hospital/backup` label says. */
  readonly labelKind: BackupKind | undefined;
  /** What its `platform.hospital/data-store` label says. */
  readonly labelStore: string | undefined;
  /** The store its engine backup connects to (or, for an archive, whose backups it copies), when known. */
  readonly store: StoreRef | undefined;
  /** The store's name for messages: what runs, else the label, else the CronJob's name. */
  readonly dataStore: string;
  /** Labelled `platform.hospital/data-class: medical-record` (labels only add). */
  readonly medical: boolean;
  /** `spec.schedule`: a string, an UnknownValue, or undefined. */
  readonly schedule: unknown;
  /** `spec.timezone`: a string, an UnknownValue, or undefined (the controller's zone). */
  readonly timeZone: unknown;
  readonly suspended: boolean;
  readonly annotations: Values;
}

const jobs = new WeakMap<Resource, BackupJob | null>();

/** The backup facts of one CronJob: one that runs a backup, archive or drill, or is labelled as one. */
export function backupJobOf(resource: Resource, estate: Estate): BackupJob | undefined {
  if (!CRON_JOB_TYPES.includes(resource.type)) return undefined;
  let job = jobs.get(resource);
  if (job === undefined) {
    job = readJob(resource, estate) ?? null;
    jobs.set(resource, job);
  }
  return job ?? undefined;
}

function readJob(resource: Resource, estate: Estate): BackupJob | undefined {
  const run = backupRunOf(resource, estate)!;
  const labels = workloadLabels(resource);
  const label = labels[BACKUP_LABEL];
  const labelKind = (BACKUP_KINDS as readonly unknown[]).includes(label) ? (label as BackupKind) : undefined;
  if (run.role === 'none' && !labelKind) return undefined;
  const engine = run.backups[0];
  // A copy job labelled as the archive is judged as one (and fails for its missing lock check).
  const kind: BackupKind | undefined = engine
    ? engine.level
    : run.role === 'archive' || (run.role === 'copy' && labelKind === 'archive')
      ? 'archive'
      : run.role === 'restore-drill'
        ? run.role
        : undefined;
  const annotations = map(resource.values, 'metadata[0].annotations');
  const labelStore = str(labels[DATA_STORE_LABEL]);
  const store = engine?.target.store;
  return {
    resource,
    run,
    kind,
    labelKind,
    labelStore,
    store,
    dataStore: store?.name ?? labelStore ?? objectName(resource) ?? resource.address,
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
    .map((resource) => backupJobOf(resource, estate))
    .filter((job): job is BackupJob => job !== undefined);
}

/** One data store of one environment, with the CronJobs that back it up and archive it. */
export interface DataStoreFacts {
  readonly environment: string;
  /** `namespace/name` of its StatefulSet (or of the store a label names). */
  readonly key: string;
  readonly name: string;
  readonly medical: boolean;
  /** Listed in the plan's `medicalRecordStores`. */
  readonly planned: boolean;
  /** The StatefulSet/Deployment running it, when the input declares one. */
  readonly workload?: Resource;
  /** Backups that connect to it and archives that copy its backups (what runs). */
  readonly jobs: readonly BackupJob[];
  /** CronJobs labelled as its backups that back up something else, or nothing. */
  readonly claims: readonly BackupJob[];
}

/**
 * Data stores of an environment: workloads labelled `platform.hospital/data-store` or
 * `platform.hospital/data-class: medical-record`, the plan's stores in production, and every store a
 * backup CronJob connects to or names. Computed once per estate and environment.
 */
export const dataStoresOf = perEnvironment(findDataStores);

interface StoreEntry {
  namespace: string;
  name: string;
  medical: boolean;
  planned: boolean;
  workload?: Resource;
  jobs: BackupJob[];
  claims: BackupJob[];
}

function findDataStores(estate: Estate, environment: string): DataStoreFacts[] {
  const options = policyOptions(estate);
  const production = isProductionEnvironment(estate, environment);
  const stores = new Map<string, StoreEntry>();
  const entry = (namespace: string, name: string): StoreEntry => {
    const key = `${namespace}/${name}`;
    let found = stores.get(key);
    if (!found) {
      const planned = plannedStoreAt(options.plan, namespace, name) !== undefined;
      stores.set(key, (found = { namespace, name, medical: production && planned, planned, jobs: [], claims: [] }));
    }
    return found;
  };
  /** Store keys by the `platform.hospital/data-store` label of their workload. */
  const labelled = new Map<string, string>();
  for (const type of [...STATEFUL_SET_TYPES, ...DEPLOYMENT_TYPES]) {
    for (const resource of estate.byType(type, environment)) {
      const namespace = namespaceOf(resource);
      const name = objectName(resource);
      if (typeof namespace !== 'string' || !name) continue;
      const labels = workloadLabels(resource);
      const storeLabel = str(labels[DATA_STORE_LABEL]);
      const medical = labels[LABELS.dataClass] === LABEL_VALUES.medicalRecord;
      const planned = production && plannedStoreAt(options.plan, namespace, name) !== undefined;
      if (!storeLabel && !(medical && STATEFUL_SET_TYPES.includes(type)) && !planned) continue;
      const store = entry(namespace, name);
      store.workload = resource;
      store.medical ||= medical;
      if (storeLabel) labelled.set(`${namespace}/${storeLabel}`, `${namespace}/${name}`);
    }
  }
  const all = backupJobs(estate, environment).filter((job) => job.kind !== 'restore-drill' && job.labelKind !== 'restore-drill');
  // Backups first: an archive belongs to the store whose backup folder it copies.
  const folders: { store: StoreEntry; output: BackupJob['run']['backups'][number]['output'] }[] = [];
  const attributed = new Map<BackupJob, StoreEntry>();
  for (const job of all) {
    // A backup without a level runs nothing usable (the scripts stop on it): it is listed, not counted.
    if (!job.store || !job.kind) continue;
    const store = entry(job.store.namespace, job.store.name);
    store.workload ??= job.store.workload;
    store.jobs.push(job);
    attributed.set(job, store);
    for (const backup of job.run.backups) folders.push({ store, output: backup.output });
  }
  for (const job of all) {
    if (job.kind !== 'archive') continue;
    const owner = folders.find(({ output }) => job.run.pushes.some((push) => contains(push.from, output)));
    if (!owner) continue;
    owner.store.jobs.push(job);
    attributed.set(job, owner.store);
  }
  for (const job of all) {
    const namespace = namespaceOf(job.resource);
    const claimed =
      job.labelStore && typeof namespace === 'string' ? (labelled.get(`${namespace}/${job.labelStore}`) ?? `${namespace}/${job.labelStore}`) : undefined;
    const claimedStore = claimed ? entry(...(claimed.split('/') as [string, string])) : undefined;
    if (claimedStore) claimedStore.medical ||= job.medical;
    const owner = attributed.get(job) ?? (job.store ? entry(job.store.namespace, job.store.name) : undefined);
    if (owner) owner.medical ||= job.medical;
    if (owner && !attributed.has(job)) owner.claims.push(job);
    if (claimedStore && claimedStore !== owner) claimedStore.claims.push(job);
  }
  return [...stores.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, store]) => ({
      environment,
      key,
      name: store.name,
      medical: store.medical,
      planned: store.planned,
      ...(store.workload ? { workload: store.workload } : {}),
      jobs: store.jobs,
      claims: store.claims,
    }));
}

/** The address a finding about a data store is reported on: its workload, else its first backup job. */
export function subjectOf(store: DataStoreFacts): { resource: string; file: string } {
  // A store exists because a workload or a CronJob names it: one of them is always there.
  const resource = store.workload ?? store.jobs.find((job) => job.kind === 'incremental')?.resource ?? store.jobs[0]?.resource ?? store.claims[0]!.resource;
  return { resource: resource.address, file: resource.file };
}

/** What a CronJob runs instead of what its labels say, for messages about the stores it claims. */
export function whatItRuns(job: BackupJob): string {
  const engine = job.run.backups[0];
  if (engine) {
    if (engine.target.problem) return `its backup step ${engine.step.name} connects to no known data store (${engine.target.field}: ${engine.target.problem})`;
    if (!engine.level)
      return `its backup step ${engine.step.name} names no level: its first argument is ${JSON.stringify(engine.step.invocation.argv[0] ?? null)}, not full or incremental`;
    return `it backs up ${engine.target.store!.key} (${engine.target.field} = ${engine.target.host})`;
  }
  if (job.kind === 'archive') {
    const sources = [...new Set(job.run.pushes.map((push) => describeLocation(push.from)))];
    return `it archives ${sources.join(', ') || 'nothing'}, which no backup of this store writes`;
  }
  const unreadable = job.run.unreadable[0];
  const names = job.run.steps.map((step) => step.name).join(', ') || 'none';
  return `it runs no backup step (containers: ${names})${unreadable ? `; ${unreadable}` : ''}`;
}

/** Why CronJobs labelled as a store's backups do not count for it (what they run instead); '' when none. */
export function claimsNote(store: DataStoreFacts): string {
  if (store.claims.length === 0) return '';
  return `; ${store.claims.map((job) => `${job.resource.address} is labelled ${job.labelKind ? `${/^[aeiou]/.test(job.labelKind) ? 'an' : 'a'} ${job.labelKind} job` : 'a backup job'} of ${store.name}, but ${whatItRuns(job)}`).join('; ')}`;
}

/** Comma-separated annotation → trimmed, non-empty entries. */
export function annotationList(annotations: Values, key: string): string[] {
  const value = annotations[key];
  return typeof value === 'string'
    ? value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean)
    : [];
}

export const annotation = (annotations: Values, key: string): string | undefined => {
  const value = annotations[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};
