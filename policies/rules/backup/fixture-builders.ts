/**
 * Fixture builders for the backup, retention and DR rules: backup CronJobs and data store StatefulSets
 * as `cdk.tf.json` holds them — containers with their commands, arguments, environment and volume
 * mounts, the scripts ConfigMap they run from, the backup volume claims — shaped like the output of
 * `constructs/backup` (the rules read only what runs). The scripts here are short stand-ins holding the
 * commands the rules recognise. The defaults are compliant; a failing fixture changes one thing.
 */
import { hardenedContainer, hardenedInitContainer, resource, terraform, workload } from '../fixture-builders';
import { LABELS, LABEL_VALUES } from '../../labels';
import { BACKUP_ANNOTATIONS, BACKUP_LABEL, DATA_STORE_LABEL, type BackupKind } from './facts';

type Json = Record<string, unknown>;
export type Engine = 'mysql' | 'postgresql' | 'oracle';
/** The site whose conventions a job follows: prod backs up to its own store and off site to dr, dr the reverse. */
export type FixtureSite = 'prod' | 'dr';

export interface ObjectStoreTarget {
  readonly endpoint: string;
  readonly bucket: string;
  /** Default: the store's name. */
  readonly prefix?: string;
}

export interface BackupJobOptions {
  /** null: leave `schedule` unset. */
  readonly schedule?: string | null;
  /** null: leave `timezone` unset. */
  readonly timeZone?: string | null;
  readonly medical?: boolean;
  /** Annotations merged over the compliant defaults; a value of null removes the key. */
  readonly annotations?: Record<string, string | null>;
  readonly suspend?: boolean;
  /** Container names in run order (the last is the main container); unknown names run a no-op. */
  readonly steps?: readonly string[];
  readonly namespace?: string;
  /** Terraform resource name; default `<store>-<kind>` (`<store>-backup-<kind>` for backups). */
  readonly resourceName?: string;
  readonly engine?: Engine;
  /** Default: prod. */
  readonly site?: FixtureSite;
  /** The database the engine backup connects to (`DB_HOST`, pgBackRest `pg1-host`). */
  readonly dbHost?: string;
  /** The data claim a MySQL backup reads the files of (default `data-<store>-0`). */
  readonly dataClaim?: string;
  /** Environment changes per container name; a value of null removes the variable. */
  readonly env?: Readonly<Record<string, Readonly<Record<string, string | null>>>>;
  /** Arguments per container name. */
  readonly args?: Readonly<Record<string, readonly string[]>>;
  /** Fields replaced per container name (e.g. `command`). */
  readonly containers?: Readonly<Record<string, Json>>;
  /** Script texts replaced by file name. */
  readonly scripts?: Readonly<Record<string, string>>;
  /** The second local copy: an object store (default, on the site's own endpoint) or a second volume claim. */
  readonly localB?: ObjectStoreTarget | { readonly claim: string; readonly storageClass?: string };
  /** Where the off-site copy goes; null: no off-site copy step. */
  readonly offsite?: ObjectStoreTarget | null;
  readonly archive?: ObjectStoreTarget & { readonly mode?: string; readonly years?: string };
  /** What a restore drill fetches (an rclone source: `remote:bucket/prefix` or a path). */
  readonly drillSource?: ObjectStoreTarget | string;
}

const DEFAULT_SCHEDULES: Record<BackupKind, string> = {
  incremental: '0 2 * * *',
  full: '0 1 * * 0',
  archive: '0 6 1 * *',
  'restore-drill': '0 10 1 * *',
  'offsite-copy': '0 4 * * *',
};

const OTHER_SITE: Record<FixtureSite, FixtureSite> = { prod: 'dr', dr: 'prod' };
export const siteStore = (site: FixtureSite): string => `https://s3.backup.${site}.hospital.internal`;
/** The second local copy of a site: its own object store. */
export const localBOf = (site: FixtureSite): ObjectStoreTarget => ({ endpoint: siteStore(site), bucket: `${site}-backup-b` });
/** The off-site copy of a site's backups: the other site's object store. */
export const offsiteOf = (site: FixtureSite): ObjectStoreTarget => ({ endpoint: siteStore(OTHER_SITE[site]), bucket: `offsite-from-${site}` });
export const ARCHIVE: ObjectStoreTarget = { endpoint: 'https://archive.hospital.internal', bucket: 'medical-archive-prod' };

const uri = (target: ObjectStoreTarget, store: string): string => `s3://${new URL(target.endpoint).host}/${target.bucket}/${target.prefix ?? store}`;

export const compliantAnnotations = (store: string, kind: BackupKind, namespace = 'clinical-data', site: FixtureSite = 'prod'): Record<string, string> =>
  kind === 'restore-drill'
    ? {
        [BACKUP_ANNOTATIONS.drillSourceEnvironment]: OTHER_SITE[site],
        [BACKUP_ANNOTATIONS.drillSource]: uri(offsiteOf(OTHER_SITE[site]), store),
      }
    : {
        [BACKUP_ANNOTATIONS.engine]: 'mysql',
        [BACKUP_ANNOTATIONS.localTargets]: `pvc://${namespace}/${store}-backup-local-a,${uri(localBOf(site), store)}`,
        [BACKUP_ANNOTATIONS.offsiteTarget]: uri(offsiteOf(site), store),
        [BACKUP_ANNOTATIONS.offsiteSite]: OTHER_SITE[site],
        [BACKUP_ANNOTATIONS.archiveTarget]: uri(ARCHIVE, store),
        [BACKUP_ANNOTATIONS.objectLock]: 'COMPLIANCE',
        [BACKUP_ANNOTATIONS.retentionYears]: '30',
      };

/** Short stand-ins of constructs/backup/scripts, holding the commands the rules recognise. */
export const FIXTURE_SCRIPTS: Readonly<Record<string, string>> = {
  'canary.sh': '#!/bin/bash\n# Records a canary row.\nmysql --host="$DB_HOST" --port="$DB_PORT" -e "INSERT INTO platform_backup.canary VALUES (\'$SET_ID\')"\n',
  'mysql-backup.sh':
    '#!/bin/bash\nkind="${1:?usage: mysql-backup.sh full|incremental}"\ntarget="$BACKUP_ROOT/sets/$SET_ID"\nxtrabackup --backup --host="$DB_HOST" --port="$DB_PORT" --datadir="$DATADIR" --target-dir="$target"\n',
  'postgresql-backup.sh': '#!/bin/bash\nkind="${1:?usage: postgresql-backup.sh full|incremental}"\npgbackrest --stanza="$STANZA" backup --type="$kind"\n',
  'oracle-backup.sh':
    '#!/bin/bash\nkind="${1:?usage: oracle-backup.sh full|incremental}"\nrman <<RMAN\nBACKUP INCREMENTAL LEVEL $level DATABASE FORMAT \'$BACKUP_ROOT/sets/$SET_ID/db_%U\';\nRMAN\n',
  'copy-set.sh':
    '#!/bin/bash\ndestination="${1:?usage: copy-set.sh <destination>}"\nrclone copy --checksum "$BACKUP_ROOT/sets" "$destination/sets"\nrclone copyto "$BACKUP_ROOT/chain.log" "$destination/chain.log"\n',
  'archive-check-lock.sh':
    '#!/bin/bash\nmode="$(aws s3api get-object-lock-configuration --endpoint-url "$ARCHIVE_ENDPOINT" --bucket "$ARCHIVE_BUCKET" --query ObjectLockConfiguration.Rule.DefaultRetention.Mode --output text)"\n[ "$mode" = "$OBJECT_LOCK_MODE" ] || exit 1\n[ "$years" -ge "$RETENTION_YEARS" ] || exit 1\n',
  'archive-copy.sh':
    '#!/bin/bash\ndestination="${1:?usage: archive-copy.sh <destination>}"\nrclone copy --checksum --immutable "$BACKUP_ROOT/sets/$full" "$destination/$month/sets/$full"\n',
  'archive-verify-retention.sh':
    '#!/bin/bash\nmode="$(aws s3api head-object --endpoint-url "$ARCHIVE_ENDPOINT" --bucket "$ARCHIVE_BUCKET" --key "$key" --query ObjectLockMode --output text)"\n[ "$mode" = "$OBJECT_LOCK_MODE" ] || exit 1\n[ "$until" -ge "$(date -d "+$RETENTION_YEARS years" +%s)" ] || exit 1\n',
  'fetch-offsite.sh': '#!/bin/bash\nsource_remote="${1:?usage: fetch-offsite.sh <source>}"\nrclone copy --checksum "$source_remote" "$SCRATCH/backup"\n',
  'mysql-restore-drill.sh':
    '#!/bin/bash\nstage="${1:?usage: mysql-restore-drill.sh prepare|verify}"\nif [ "$stage" = prepare ]; then\n  xtrabackup --prepare --target-dir="$SCRATCH/backup/sets/full"\n  exit 0\nfi\nmysqlcheck --socket=/tmp/drill.sock --all-databases --check\n',
  'noop.sh': '#!/bin/bash\ntrue\n',
};

const COMMON_ENV = (store: string): Record<string, string> => ({ STORE: store, BACKUP_ROOT: `/backup/local-a/${store}`, HOME: '/tmp' });

const rcloneRemote = (remote: string, target: ObjectStoreTarget): Record<string, string> => ({
  [`RCLONE_CONFIG_${remote}_TYPE`]: 's3',
  [`RCLONE_CONFIG_${remote}_ENDPOINT`]: target.endpoint,
  [`RCLONE_CONFIG_${remote}_REGION`]: 'us-east-1',
});

interface StepDefinition {
  readonly script: string;
  readonly args: readonly string[];
  readonly env: Record<string, string>;
  readonly mounts: readonly string[];
}

const ENGINE_SCRIPT: Record<Engine, string> = { mysql: 'mysql-backup.sh', postgresql: 'postgresql-backup.sh', oracle: 'oracle-backup.sh' };

function stepDefinitions(store: string, kind: BackupKind, options: BackupJobOptions, namespace: string): Record<string, StepDefinition> {
  const site = options.site ?? 'prod';
  const engine = options.engine ?? 'mysql';
  const host = options.dbHost ?? `${store}-0.${store}.${namespace}.svc`;
  const db = { DB_HOST: host, DB_PORT: '3306', DB_NAME: store.replace(/-db$/, ''), ENGINE: engine };
  const localB = options.localB ?? localBOf(site);
  const copyLocal: StepDefinition =
    'claim' in localB
      ? { script: 'copy-set.sh', args: [`/backup/local-b/${store}`], env: COMMON_ENV(store), mounts: ['scripts', 'tmp', 'local-a', 'local-b'] }
      : {
          script: 'copy-set.sh',
          args: [`localb:${localB.bucket}/${localB.prefix ?? store}`],
          env: { ...COMMON_ENV(store), ...rcloneRemote('LOCALB', localB) },
          mounts: ['scripts', 'tmp', 'local-a'],
        };
  const offsite = options.offsite === undefined ? offsiteOf(site) : options.offsite;
  const archive = { ...ARCHIVE, ...options.archive };
  const archiveEnv = {
    ...COMMON_ENV(store),
    ARCHIVE_ENDPOINT: archive.endpoint,
    ARCHIVE_BUCKET: archive.bucket,
    ARCHIVE_PREFIX: archive.prefix ?? store,
    RETENTION_YEARS: archive.years ?? '30',
    OBJECT_LOCK_MODE: archive.mode ?? 'COMPLIANCE',
  };
  const drillSource = options.drillSource ?? offsiteOf(OTHER_SITE[site]);
  const drillEnv = { ...COMMON_ENV(store), SCRATCH: '/scratch', DB_NAME: db.DB_NAME };
  return {
    canary: { script: 'canary.sh', args: [], env: { ...COMMON_ENV(store), ...db }, mounts: ['scripts', 'tmp'] },
    backup: {
      script: ENGINE_SCRIPT[engine],
      args: [kind],
      env: {
        ...COMMON_ENV(store),
        ...db,
        ...(engine === 'postgresql' ? { STANZA: db.DB_NAME, PGBACKREST_CONFIG: '/etc/pgbackrest/pgbackrest.conf' } : { DATADIR: '/var/lib/mysql' }),
      },
      mounts: ['scripts', 'tmp', 'local-a', ...(engine === 'postgresql' ? ['pgbackrest-config'] : engine === 'mysql' ? ['data'] : [])],
    },
    'copy-local': copyLocal,
    ...(offsite
      ? {
          'offsite-copy': {
            script: 'copy-set.sh',
            args: [`offsite:${offsite.bucket}/${offsite.prefix ?? store}`],
            env: { ...COMMON_ENV(store), ...rcloneRemote('OFFSITE', offsite) },
            mounts: ['scripts', 'tmp', 'local-a'],
          },
        }
      : {}),
    'check-object-lock': { script: 'archive-check-lock.sh', args: [], env: archiveEnv, mounts: ['scripts', 'tmp'] },
    'archive-copy': {
      script: 'archive-copy.sh',
      args: [`archive:${archive.bucket}/${archive.prefix ?? store}`],
      env: { ...COMMON_ENV(store), ...rcloneRemote('ARCHIVE', archive) },
      mounts: ['scripts', 'tmp', 'local-a'],
    },
    'verify-retention': { script: 'archive-verify-retention.sh', args: [], env: archiveEnv, mounts: ['scripts', 'tmp'] },
    'fetch-offsite': {
      script: 'fetch-offsite.sh',
      args: [typeof drillSource === 'string' ? drillSource : `drillsource:${drillSource.bucket}/${drillSource.prefix ?? store}`],
      env: { ...drillEnv, ...(typeof drillSource === 'string' ? {} : rcloneRemote('DRILLSOURCE', drillSource)) },
      mounts: ['scripts', 'tmp', 'scratch'],
    },
    prepare: { script: 'mysql-restore-drill.sh', args: ['prepare'], env: drillEnv, mounts: ['scripts', 'tmp', 'scratch'] },
    verify: { script: 'mysql-restore-drill.sh', args: ['verify'], env: drillEnv, mounts: ['scripts', 'tmp', 'scratch'] },
  };
}

const DEFAULT_STEPS: Record<BackupKind, readonly string[]> = {
  full: ['canary', 'backup', 'copy-local', 'offsite-copy'],
  incremental: ['canary', 'backup', 'copy-local', 'offsite-copy'],
  archive: ['check-object-lock', 'archive-copy', 'verify-retention'],
  'restore-drill': ['fetch-offsite', 'prepare', 'verify'],
  'offsite-copy': ['offsite-copy'],
};

const MOUNT_PATHS: Record<string, string> = {
  scripts: '/opt/backup',
  tmp: '/tmp',
  'local-a': '/backup/local-a',
  'local-b': '/backup/local-b',
  data: '/var/lib/mysql',
  scratch: '/scratch',
  'pgbackrest-config': '/etc/pgbackrest',
};

function volumeOf(name: string, store: string, options: BackupJobOptions): Json {
  const localB = options.localB;
  switch (name) {
    case 'scripts':
      return { name, config_map: { name: `${store}-backup-scripts`, default_mode: '0555' } };
    case 'tmp':
      return { name, empty_dir: { medium: 'Memory', size_limit: '256Mi' } };
    case 'local-a':
      return { name, persistent_volume_claim: { claim_name: `${store}-backup-local-a` } };
    case 'local-b':
      return { name, persistent_volume_claim: { claim_name: localB && 'claim' in localB ? localB.claim : `${store}-backup-local-b` } };
    case 'data':
      return { name, persistent_volume_claim: { claim_name: options.dataClaim ?? `data-${store}-0`, read_only: true } };
    case 'scratch':
      return {
        name,
        ephemeral: {
          volume_claim_template: {
            spec: { access_modes: ['ReadWriteOnce'], storage_class_name: 'medical-encrypted', resources: { requests: { storage: '1Ti' } } },
          },
        },
      };
    default:
      return { name, config_map: { name: `${store}-pgbackrest-client`, default_mode: '0444' } };
  }
}

/** One backup CronJob (Terraform JSON) for a data store, with the ConfigMaps and claims it mounts. */
export function backupCronJob(store: string, kind: BackupKind, options: BackupJobOptions = {}): Json {
  const namespace = options.namespace ?? 'clinical-data';
  const site = options.site ?? 'prod';
  const name = kind === 'full' || kind === 'incremental' ? `${store}-backup-${kind}` : `${store}-${kind}`;
  const resourceName = options.resourceName ?? name;
  const labels: Record<string, string> = {
    [LABELS.appName]: name,
    [BACKUP_LABEL]: kind,
    [DATA_STORE_LABEL]: store,
    ...((options.medical ?? true) ? { [LABELS.dataClass]: LABEL_VALUES.medicalRecord } : {}),
  };
  const annotations: Record<string, string> = { ...compliantAnnotations(store, kind, namespace, site) };
  for (const [key, value] of Object.entries(options.annotations ?? {})) {
    if (value === null) delete annotations[key];
    else annotations[key] = value;
  }
  const definitions = stepDefinitions(store, kind, options, namespace);
  const steps = (options.steps ?? DEFAULT_STEPS[kind]).filter((step) => step !== 'offsite-copy' || definitions[step] !== undefined);
  const containers = steps.map((step, index) => {
    const definition = definitions[step] ?? { script: 'noop.sh', args: [], env: COMMON_ENV(store), mounts: ['scripts', 'tmp'] };
    const env: Record<string, string> = { ...definition.env };
    for (const [key, value] of Object.entries(options.env?.[step] ?? {})) {
      if (value === null) delete env[key];
      else env[key] = value;
    }
    const fields = {
      command: ['/bin/bash', `/opt/backup/${definition.script}`],
      args: [...(options.args?.[step] ?? definition.args)],
      env: [
        ...Object.entries(env).map(([key, value]) => ({ name: key, value })),
        { name: 'SET_ID', value_from: { field_ref: { field_path: "metadata.labels['batch.kubernetes.io/job-name']" } } },
      ],
      volume_mount: definition.mounts.map((mount) => ({
        name: mount,
        mount_path: MOUNT_PATHS[mount] ?? `/mnt/${mount}`,
        ...(mount === 'scripts' ? { read_only: true } : {}),
      })),
      ...(options.containers?.[step] ?? {}),
    };
    return index === steps.length - 1 ? hardenedContainer(step, fields) : hardenedInitContainer(step, fields);
  });
  const mounts = [...new Set(containers.flatMap((container) => ((container.volume_mount as Json[] | undefined) ?? []).map((mount) => String(mount.name))))];
  const base = workload('kubernetes_cron_job_v1', resourceName, {
    name,
    namespace,
    labels,
    initContainers: containers.slice(0, -1),
    containers: containers.slice(-1),
    podSpec: { restart_policy: 'Never', volume: mounts.map((mount) => volumeOf(mount, store, options)) },
  }) as { resource: Record<string, Record<string, Json>> };
  const body = base.resource.kubernetes_cron_job_v1![resourceName]!;
  const spec = body.spec as Json;
  if (options.schedule === null) delete spec.schedule;
  else spec.schedule = options.schedule ?? DEFAULT_SCHEDULES[kind];
  if (options.timeZone !== null) spec.timezone = options.timeZone ?? 'Asia/Shanghai';
  spec.concurrency_policy = 'Forbid';
  if (options.suspend !== undefined) spec.suspend = options.suspend;
  (body.metadata as Json).annotations = annotations;
  return terraform(
    base,
    resource('kubernetes_config_map_v1', `${store}-backup-scripts`, {
      metadata: { name: `${store}-backup-scripts`, namespace },
      data: Object.fromEntries(Object.entries({ ...FIXTURE_SCRIPTS, ...(options.scripts ?? {}) }).map(([file, text]) => [file, terraformLiteral(text)])),
    }),
    ...(options.engine === 'postgresql' ? [pgbackrestClient(store, namespace, options.dbHost ?? `${store}-0.${store}.${namespace}.svc`)] : []),
    claim(`${store}-backup-local-a`, namespace, 'medical-encrypted'),
    ...(options.localB && 'claim' in options.localB ? [claim(options.localB.claim, namespace, options.localB.storageClass ?? 'backup-appliance')] : []),
  );
}

/** Text as a Terraform JSON string holds it: `${` and `%{` escaped, as the backup construct writes its scripts. */
export const terraformLiteral = (text: string): string => text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');

const claim = (name: string, namespace: string, storageClass: string): Json =>
  resource('kubernetes_persistent_volume_claim_v1', name, {
    metadata: { name, namespace },
    spec: { access_modes: ['ReadWriteOnce'], storage_class_name: storageClass, resources: { requests: { storage: '1Ti' } } },
    wait_until_bound: false,
  });

const pgbackrestClient = (store: string, namespace: string, host: string): Json =>
  resource('kubernetes_config_map_v1', `${store}-pgbackrest-client`, {
    metadata: { name: `${store}-pgbackrest-client`, namespace },
    data: {
      'pgbackrest.conf': `[global]\nrepo1-path=/backup/local-a/${store}/pgbackrest\n\n[${store.replace(/-db$/, '')}]\npg1-host=${host}\npg1-host-type=tls\n`,
    },
  });

/** The StatefulSet of a data store (governed by a headless Service of its name). */
export function dataStoreStatefulSet(
  store: string,
  options: {
    medical?: boolean;
    replicas?: number;
    namespace?: string;
    labels?: Record<string, string>;
    /** Container ports the database listens on. */ ports?: readonly number[];
  } = {},
): Json {
  const document = workload('kubernetes_stateful_set_v1', store, {
    namespace: options.namespace ?? 'clinical-data',
    replicas: options.replicas ?? 1,
    labels: {
      [DATA_STORE_LABEL]: store,
      [LABELS.tier]: 'core-data',
      ...((options.medical ?? true) ? { [LABELS.dataClass]: LABEL_VALUES.medicalRecord } : {}),
      ...(options.labels ?? {}),
    },
  }) as { resource: { kubernetes_stateful_set_v1: Record<string, { spec: Json }> } };
  const spec = document.resource.kubernetes_stateful_set_v1[store]!.spec as { template: { spec: { container: Json[] } } } & Json;
  if (options.ports) spec.template.spec.container[0]!.port = options.ports.map((port) => ({ container_port: port, protocol: 'TCP' }));
  spec.volume_claim_template = [
    {
      metadata: { name: 'data' },
      spec: { access_modes: ['ReadWriteOnce'], storage_class_name: 'medical-encrypted', resources: { requests: { storage: '2Ti' } } },
    },
  ];
  return document;
}

/** A compliant medical data store of a site: StatefulSet, full, incremental and archive CronJobs. */
export function compliantStore(store: string, overrides: Partial<Record<BackupKind, BackupJobOptions>> = {}, site: FixtureSite = 'prod'): Json {
  return terraform(
    dataStoreStatefulSet(store),
    backupCronJob(store, 'full', { site, ...overrides.full }),
    backupCronJob(store, 'incremental', { site, ...overrides.incremental }),
    backupCronJob(store, 'archive', { site, ...overrides.archive }),
  );
}

export { resource, terraform };
