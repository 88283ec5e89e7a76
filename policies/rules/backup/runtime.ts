/**
 * What a backup CronJob really runs, followed through its containers in the order Kubernetes runs them
 * (init containers one after another, then the main containers): which database an engine backup
 * connects to (`DB_HOST`, pgBackRest's `pg1-host`), where it writes the set (`$BACKUP_ROOT` or the
 * pgBackRest repository → a volume claim), where each copy lands (a path → a volume; an rclone remote →
 * the endpoint and bucket of `RCLONE_CONFIG_<REMOTE>_*`), what a restore drill fetches, and what an
 * archive's object-lock checks demand (`OBJECT_LOCK_MODE`, `RETENTION_YEARS`). Annotations play no part.
 */
import { CRON_JOB_TYPES, containersOf } from '../../kubernetes';
import { isUnknown, type Estate, type Resource } from '../../model';
import { all, blocks, get, map, str, type Values } from '../../values';
import { envOf, fileText, normalizePath, placeOfPath, podViewOf, type EnvValue, type Place, type PodView } from './pod-files';
import { actionOf, invocationOf, parseIni, type Action, type BackupLevel, type Engine, type Invocation } from './steps';

/** Where data lands: a place of the pod, or an object store reached over S3. */
export type Location =
  | Place
  | {
      readonly kind: 'object-store';
      /** Endpoint host (with a port when the endpoint names one). */
      readonly host: string;
      /** Host name without port: what the plan's sites list. */
      readonly hostname: string;
      readonly bucket: string;
      readonly prefix: string;
      /** One storage medium: `s3://<host>/<bucket>`. */
      readonly medium: string;
    };

/** A location for messages: `pvc://ns/claim/path`, `s3://host/bucket/prefix`, or what it is. */
export function describeLocation(location: Location): string {
  switch (location.kind) {
    case 'volume':
      return location.path ? `${location.medium}/${location.path}` : location.medium;
    case 'object-store':
      return `s3://${location.host}/${location.bucket}${location.prefix ? `/${location.prefix}` : ''}`;
    case 'transient':
      return location.description;
    case 'unknown':
      return `an unknown place (${location.why})`;
  }
}

/** Whether `inner` is `outer` or inside it (same medium, path below). */
export function contains(outer: Location, inner: Location): boolean {
  if (outer.kind === 'volume' && inner.kind === 'volume')
    return outer.medium === inner.medium && (outer.path === '' || inner.path === outer.path || inner.path.startsWith(`${outer.path}/`));
  if (outer.kind === 'object-store' && inner.kind === 'object-store') {
    return outer.medium === inner.medium && (outer.prefix === '' || inner.prefix === outer.prefix || inner.prefix.startsWith(`${outer.prefix}/`));
  }
  return false;
}

/** Same place: same medium and the same path or prefix. */
export const sameLocation = (a: Location, b: Location): boolean => contains(a, b) && contains(b, a);

export interface Step {
  readonly name: string;
  /** Path of the container, for messages. */
  readonly path: string;
  /** Run order: an init container's index; the main containers share the number of init containers. */
  readonly order: number;
  readonly container: Values;
  readonly env: ReadonlyMap<string, EnvValue>;
  readonly invocation: Invocation;
  readonly action: Action;
}

/** The database a step connects to. */
export interface Target {
  readonly host?: string;
  /** Where the host was read (`env DB_HOST`, `pgbackrest.conf pg1-host`), for messages. */
  readonly field: string;
  readonly store?: StoreRef;
  readonly problem?: string;
}

/** A data store by its StatefulSet (`namespace/name`); `workload` when the input declares it. */
export interface StoreRef {
  readonly namespace: string;
  readonly name: string;
  readonly key: string;
  readonly workload?: Resource;
}

export interface EngineBackup {
  readonly step: Step;
  readonly engine: Engine;
  readonly level?: BackupLevel;
  readonly target: Target;
  /** Where the set is written. */
  readonly output: Location;
}

export interface Transfer {
  readonly step: Step;
  readonly from: Location;
  readonly to: Location;
}

export interface LockCheck {
  readonly step: Step;
  readonly endpoint?: Location;
  readonly mode?: string;
  readonly years?: number;
  /** Why a value the check needs is not known. */
  readonly problems: readonly string[];
}

/** What a job is by what it runs: a copy job copies a backup folder without checking any object lock. */
export type RunRole = 'backup' | 'archive' | 'copy' | 'restore-drill' | 'none';

export interface BackupRun {
  readonly resource: Resource;
  readonly steps: readonly Step[];
  readonly role: RunRole;
  /** Engine backups (one in a well-formed job). */
  readonly backups: readonly EngineBackup[];
  /** Copies of a backup folder (local copies, off-site copies, archives). */
  readonly pushes: readonly Transfer[];
  /** Fetches into a scratch area (restore drills). */
  readonly pulls: readonly Transfer[];
  readonly restores: readonly Step[];
  readonly verifies: readonly Step[];
  readonly lockChecks: readonly LockCheck[];
  /** Containers whose run cannot be read, with why (`spec…container[1]: …`). */
  readonly unreadable: readonly string[];
}

const runs = new WeakMap<Resource, BackupRun | null>();

/** What a CronJob runs, or undefined for other resources. */
export function backupRunOf(resource: Resource, estate: Estate): BackupRun | undefined {
  if (!CRON_JOB_TYPES.includes(resource.type)) return undefined;
  let run = runs.get(resource);
  if (run === undefined) {
    const view = podViewOf(resource, estate);
    run = view ? readRun(resource, view) : null;
    runs.set(resource, run);
  }
  return run ?? undefined;
}

function readRun(resource: Resource, view: PodView): BackupRun {
  const containers = containersOf(resource);
  const initCount = containers.filter((container) => container.init).length;
  let initIndex = 0;
  const steps: Step[] = containers.map((ref) => {
    const invocation = invocationOf(view, ref.container);
    return {
      name: ref.name,
      path: ref.path,
      order: ref.init ? initIndex++ : initCount,
      container: ref.container,
      env: envOf(view, ref.container),
      invocation,
      action: actionOf(invocation),
    };
  });
  const backups: EngineBackup[] = [];
  const pushes: Transfer[] = [];
  const pulls: Transfer[] = [];
  const lockChecks: LockCheck[] = [];
  for (const step of steps) {
    const { action } = step;
    if (action.type === 'engine-backup') backups.push(engineBackupOf(view, step, action));
    else if (action.type === 'push')
      pushes.push({
        step,
        from: action.sourcePath ? placeOfPath(view, step.container, action.sourcePath) : pathFromEnv(view, step, 'BACKUP_ROOT'),
        to: remoteOrPath(view, step, action.destination),
      });
    else if (action.type === 'pull') pulls.push({ step, from: remoteOrPath(view, step, action.source), to: pathFromEnv(view, step, 'SCRATCH') });
    else if (action.type === 'lock-check') lockChecks.push(lockCheckOf(step));
  }
  const restores = steps.filter((step) => step.action.type === 'restore' && step.action.restores);
  const verifies = steps.filter((step) => step.action.type === 'restore' && step.action.verifies);
  const role: RunRole =
    backups.length > 0
      ? 'backup'
      : pulls.length > 0 || restores.length > 0
        ? 'restore-drill'
        : lockChecks.length > 0
          ? 'archive'
          : pushes.length > 0
            ? 'copy'
            : 'none';
  return {
    resource,
    steps,
    role,
    backups,
    pushes,
    pulls,
    restores,
    verifies,
    lockChecks,
    unreadable: steps.filter((step) => step.invocation.problem).map((step) => `${step.path} (${step.name}): ${step.invocation.problem!}`),
  };
}

/** A path held by an environment variable of the step. */
function pathFromEnv(view: PodView, step: Step, name: string): Location {
  const value = step.env.get(name);
  if (!value) return { kind: 'unknown', why: `${step.name} sets no ${name}` };
  if ('unknown' in value) return { kind: 'unknown', why: `${step.name} env ${name}: ${value.unknown}` };
  return placeOfPath(view, step.container, value.value);
}

/** An rclone destination or source: `remote:bucket/prefix` (an S3 remote from `RCLONE_CONFIG_<REMOTE>_*`) or a path. */
export function remoteOrPath(view: PodView, step: Step, spec: string | undefined): Location {
  if (spec === undefined) return { kind: 'unknown', why: `${step.name} is given no source or destination argument` };
  if (spec.startsWith('/')) return placeOfPath(view, step.container, spec);
  const match = /^([A-Za-z0-9_][-A-Za-z0-9_. ]*):(.*)$/.exec(spec);
  if (!match) return { kind: 'unknown', why: `"${spec}" is neither an absolute path nor an rclone remote` };
  const remote = match[1]!.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
  const setting = (key: string): EnvValue | undefined => step.env.get(`RCLONE_CONFIG_${remote}_${key}`);
  const type = setting('TYPE');
  if (!type) return { kind: 'unknown', why: `rclone remote "${match[1]}" is not configured (${step.name} sets no RCLONE_CONFIG_${remote}_TYPE)` };
  if ('unknown' in type) return { kind: 'unknown', why: `RCLONE_CONFIG_${remote}_TYPE: ${type.unknown}` };
  if (type.value === 'local') return placeOfPath(view, step.container, `/${normalizePath(match[2]!)}`);
  if (type.value !== 's3') return { kind: 'unknown', why: `rclone remote "${match[1]}" is of type ${type.value}, which the backup rules do not follow` };
  const endpoint = setting('ENDPOINT');
  if (!endpoint) return { kind: 'unknown', why: `rclone remote "${match[1]}" names no endpoint (RCLONE_CONFIG_${remote}_ENDPOINT)` };
  if ('unknown' in endpoint) return { kind: 'unknown', why: `RCLONE_CONFIG_${remote}_ENDPOINT: ${endpoint.unknown}` };
  const [bucket = '', ...prefix] = normalizePath(match[2]!).split('/');
  return objectStore(endpoint.value, bucket, prefix.join('/'));
}

/** An object store location from an endpoint URL (scheme optional), a bucket and a prefix. */
export function objectStore(endpoint: string, bucket: string, prefix: string): Location {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`);
  } catch {
    return { kind: 'unknown', why: `endpoint "${endpoint}" is not a URL` };
  }
  if (bucket === '') return { kind: 'unknown', why: `no bucket is named on ${url.host}` };
  const host = url.host.toLowerCase();
  return { kind: 'object-store', host, hostname: url.hostname.toLowerCase(), bucket, prefix: normalizePath(prefix), medium: `s3://${host}/${bucket}` };
}

function engineBackupOf(view: PodView, step: Step, action: Extract<Action, { type: 'engine-backup' }>): EngineBackup {
  const root = pathFromEnv(view, step, 'BACKUP_ROOT');
  if (!action.pgbackrest) {
    const port = step.env.get('DB_PORT');
    const target = withPort(withDataFiles(view, step, targetFromEnv(view, step)), port && 'value' in port ? port.value : undefined, 'env DB_PORT');
    return { step, engine: action.engine, ...(action.level ? { level: action.level } : {}), target, output: root };
  }
  // pgBackRest reaches the database and writes its repository as its configuration file says.
  const config = pgbackrestConfig(view, step);
  if ('problem' in config) {
    const unknown: Location = { kind: 'unknown', why: config.problem };
    return {
      step,
      engine: action.engine,
      ...(action.level ? { level: action.level } : {}),
      target: { field: 'pgbackrest.conf', problem: config.problem },
      output: unknown,
    };
  }
  const setting = (key: string): string | undefined => {
    const fromEnv = step.env.get(`PGBACKREST_${key.toUpperCase().replace(/-/g, '_')}`);
    if (fromEnv && 'value' in fromEnv) return fromEnv.value;
    return config.sections.get(config.stanza)?.get(key) ?? config.sections.get('global')?.get(key);
  };
  const host = setting('pg1-host');
  const target: Target = host
    ? withPort(
        { ...resolveTarget(view, host), field: `${config.file} pg1-host` },
        setting('pg1-host-type') === 'tls' || setting('pg1-host-port') ? (setting('pg1-host-port') ?? PGBACKREST_TLS_PORT) : undefined,
        `${config.file} pg1-host-port`,
      )
    : { field: `${config.file} pg1-host`, problem: `${config.file} sets no pg1-host: pgBackRest would back up a data directory inside the job's own pod` };
  const repo = setting('repo1-path');
  const output = repo ? placeOfPath(view, step.container, repo) : root;
  return { step, engine: action.engine, ...(action.level ? { level: action.level } : {}), target, output };
}

function pgbackrestConfig(view: PodView, step: Step): { file: string; stanza: string; sections: ReturnType<typeof parseIni> } | { problem: string } {
  const configured = step.env.get('PGBACKREST_CONFIG');
  if (configured && 'unknown' in configured) return { problem: `PGBACKREST_CONFIG: ${configured.unknown}` };
  const file = configured?.value ?? '/etc/pgbackrest/pgbackrest.conf';
  const stanza = step.env.get('STANZA');
  if (!stanza || 'unknown' in stanza) return { problem: `${step.name} sets no literal STANZA` };
  const read = fileText(view, step.container, file);
  if ('problem' in read) return { problem: `cannot read ${file}: ${read.problem}` };
  return { file, stanza: stanza.value, sections: parseIni(read.text) };
}

/** The database a MySQL or Oracle backup connects to: `DB_HOST`. */
function targetFromEnv(view: PodView, step: Step): Target {
  const host = step.env.get('DB_HOST');
  if (!host) return { field: 'env DB_HOST', problem: `${step.name} sets no DB_HOST` };
  if ('unknown' in host) return { field: 'env DB_HOST', problem: `env DB_HOST: ${host.unknown}; failing closed` };
  return { ...resolveTarget(view, host.value), field: 'env DB_HOST' };
}

/**
 * The data store a cluster address reaches: `<pod>.<service>.<namespace>.svc[.<domain>]` (a StatefulSet
 * pod by its governing service), `<service>.<namespace>…` or `<service>` (a Service selecting one
 * StatefulSet's pods, or its governing service). A StatefulSet outside the input is assumed from the
 * pod name (`his-db-0` → `his-db`), so a Terraform module without its data stores is still judged.
 */
export function resolveTarget(view: PodView, rawHost: string): Omit<Target, 'field'> {
  const host = rawHost.trim().toLowerCase().replace(/\.$/, '');
  if (/^[\d.]+$/.test(host) || host.includes(':')) return { host, problem: `${rawHost} is an IP address, not the address of a data store of the cluster` };
  const labels = host.split('.');
  const svc = labels.indexOf('svc');
  const names = svc >= 0 ? labels.slice(0, svc) : labels;
  const own = view.namespace ?? 'default';
  const candidates: { pod?: string; service: string; namespace: string }[] =
    names.length === 3
      ? [{ pod: names[0]!, service: names[1]!, namespace: names[2]! }]
      : names.length === 2
        ? svc >= 0
          ? [{ service: names[0]!, namespace: names[1]! }]
          : [
              { pod: names[0]!, service: names[1]!, namespace: own },
              { service: names[0]!, namespace: names[1]! },
            ]
        : names.length === 1
          ? [{ service: names[0]!, namespace: own }]
          : [];
  if (candidates.length === 0) return { host, problem: `${rawHost} is not a cluster address (<pod>.<service>.<namespace>.svc)` };
  for (const candidate of candidates) {
    const store = storeBehind(view, candidate);
    if (store) return { host, store };
  }
  const first = candidates[0]!;
  const assumed = first.pod ? /^(.+)-\d+$/.exec(first.pod)?.[1] : undefined;
  if (assumed && !hasStatefulSets(view, first.namespace))
    return { host, store: { namespace: first.namespace, name: assumed, key: `${first.namespace}/${assumed}` } };
  return { host, problem: `${rawHost} reaches no data store StatefulSet of the input` };
}

const hasStatefulSets = (view: PodView, namespace: string): boolean => [...view.objects.statefulSets.keys()].some((key) => key.startsWith(`${namespace}/`));

function storeBehind(view: PodView, candidate: { pod?: string; service: string; namespace: string }): StoreRef | undefined {
  const prefix = `${candidate.namespace}/`;
  for (const [key, statefulSet] of view.objects.statefulSets) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    const governing = str(get(statefulSet.values, 'spec[0].service_name'));
    if (candidate.pod !== undefined) {
      if (governing === candidate.service && new RegExp(`^${escapeRegExp(name)}-\\d+$`).test(candidate.pod))
        return { namespace: candidate.namespace, name, key, workload: statefulSet };
      continue;
    }
    if (governing === candidate.service) return { namespace: candidate.namespace, name, key, workload: statefulSet };
    const service = view.objects.services.get(`${candidate.namespace}/${candidate.service}`);
    const selector = service ? map(service.values, 'spec[0].selector') : undefined;
    const podLabels = map(statefulSet.values, 'spec[0].template[0].metadata[0].labels');
    if (
      selector &&
      !isUnknown(selector) &&
      !isUnknown(podLabels) &&
      Object.keys(selector).length > 0 &&
      Object.entries(selector).every(([label, value]) => podLabels[label] === value)
    ) {
      return { namespace: candidate.namespace, name, key, workload: statefulSet };
    }
  }
  return undefined;
}

/** pgBackRest's default TLS server port, when the configuration names none. */
const PGBACKREST_TLS_PORT = '8432';

/**
 * The port a backup connects to must be one the store's pods listen on (when the input declares the
 * StatefulSet and its container ports): a backup of port 3307 reaches no database.
 */
function withPort(target: Target, port: string | undefined, field: string): Target {
  const workload = target.store?.workload;
  if (!workload || port === undefined) return target;
  const ports = all(workload.values, 'spec.template.spec.container.port').map((entry) => get(entry, 'container_port'));
  if (ports.length === 0 || ports.some(isUnknown) || ports.some((listened) => String(listened) === port.trim())) return target;
  return { ...target, field, store: undefined, problem: `${port} is no port ${target.store!.key} listens on (${ports.join(', ')})` };
}

/**
 * A backup that reads a store's data files directly (XtraBackup on the mounted data claim of a
 * StatefulSet pod, `<template>-<statefulset>-<ordinal>`) backs up that store's files: they must be the
 * files of the store it connects to.
 */
function withDataFiles(view: PodView, step: Step, target: Target): Target {
  if (!target.store) return target;
  for (const mount of blocks(step.container.volume_mount)) {
    const claim = str(get(view.volumes.get(str(mount.name) ?? ''), 'persistent_volume_claim[0].claim_name'));
    const owner = claim ? dataClaimOwner(view, claim) : undefined;
    if (owner && owner !== target.store.key) {
      return {
        ...target,
        store: undefined,
        problem: `it reads the data files of ${owner} (volume claim ${claim}) while connecting to ${target.store.key} (${target.host})`,
      };
    }
  }
  return target;
}

/** The StatefulSet (`namespace/name`) whose volume claim template made this claim, if any in the input. */
function dataClaimOwner(view: PodView, claim: string): string | undefined {
  const prefix = `${view.namespace}/`;
  for (const [key, statefulSet] of view.objects.statefulSets) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    for (const template of blocks(get(statefulSet.values, 'spec[0].volume_claim_template'))) {
      const templateName = str(get(template, 'metadata[0].name'));
      if (templateName && new RegExp(`^${escapeRegExp(`${templateName}-${name}`)}-\\d+$`).test(claim)) return key;
    }
  }
  return undefined;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function lockCheckOf(step: Step): LockCheck {
  const problems: string[] = [];
  const literal = (name: string): string | undefined => {
    const value = step.env.get(name);
    if (!value) problems.push(`${step.name} sets no ${name}`);
    else if ('unknown' in value) problems.push(`${step.name} env ${name}: ${value.unknown}`);
    else return value.value;
    return undefined;
  };
  const endpoint = literal('ARCHIVE_ENDPOINT');
  const bucket = literal('ARCHIVE_BUCKET');
  const mode = literal('OBJECT_LOCK_MODE');
  const yearsText = literal('RETENTION_YEARS');
  const years = yearsText !== undefined && /^\d+$/.test(yearsText.trim()) ? Number(yearsText) : undefined;
  if (yearsText !== undefined && years === undefined) problems.push(`${step.name} env RETENTION_YEARS is "${yearsText}", not a whole number of years`);
  return {
    step,
    ...(endpoint !== undefined && bucket !== undefined ? { endpoint: objectStore(endpoint, bucket, '') } : {}),
    ...(mode !== undefined ? { mode } : {}),
    ...(years !== undefined ? { years } : {}),
    problems,
  };
}
