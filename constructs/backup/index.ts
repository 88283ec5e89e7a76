/**
 * Backups of one clinical data store, as the operations plan describes them: an incremental backup
 * every day at 02:00 and a full one every Sunday (local time, CronJob `timezone`), each written to the
 * first local target by the engine's own tool, copied to the second local target, then off site; a
 * monthly archive of the latest full set to a write-once (object-lock) bucket; and, when this site
 * holds another site's off-site copies, a monthly restore drill that rebuilds them in a scratch
 * instance and fails loudly on any mismatch.
 *
 * The shell scripts live beside this file (`scripts/*.sh`), reviewed like code, and reach the pods as
 * a read-only ConfigMap. Credentials come only from Secrets (mounted files or secretKeyRef).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import {
  CronJobV1,
  type CronJobV1SpecJobTemplateSpecTemplateSpecContainer,
  type CronJobV1SpecJobTemplateSpecTemplateSpecContainerEnv,
} from '@cdktf/provider-kubernetes/lib/cron-job-v1';
import { PersistentVolumeClaimV1 } from '@cdktf/provider-kubernetes/lib/persistent-volume-claim-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { Construct } from 'constructs';
import { DATA_STORE_LABEL, ENGINE_PROFILES, MEDICAL_RECORD, PGBACKREST_TLS_PORT, type Engine } from '../data-store';
import { BACKUP_ANNOTATIONS } from '../../contract';
import { BACKUP_LABEL, DATA_CLASS_LABEL, platformLabels, SEGMENT_LABEL } from '../platform-labels';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext, toleration, type Placement } from '../restricted-workload';

/** The annotation keys the policy rules read are the contract's (contract/index.ts). */
export { BACKUP_ANNOTATIONS, BACKUP_LABEL };

export type BackupKind = 'incremental' | 'full' | 'archive' | 'restore-drill';

export interface ObjectStore {
  readonly endpoint: string;
  readonly bucket: string;
  readonly prefix?: string;
  /** Secret with `access-key-id` and `secret-access-key`. */
  readonly credentialsSecret: string;
  readonly region: string;
}
export type LocalTarget = { readonly name: string } & (
  { readonly type: 'volume'; readonly storageClass: string; readonly size: string } | ({ readonly type: 's3' } & ObjectStore)
);

export interface BackupTooling {
  readonly xtrabackup: string;
  readonly pgbackrest: string;
  readonly rclone: string;
  readonly awsCli: string;
}

export interface DataStoreBackupsProps {
  readonly name: string;
  readonly namespace: string;
  readonly segment: string;
  readonly engine: Engine;
  /** The data store's image: its client records the canary, its server hosts the drill's scratch instance (and RMAN). */
  readonly image: string;
  readonly database: string;
  readonly holdsMedicalRecords: boolean;
  readonly credentialsSecret: string;
  readonly storageClass: string;
  readonly timeZone: string;
  readonly tooling: BackupTooling;
  readonly targets: {
    readonly local: readonly LocalTarget[];
    readonly offsite?: ObjectStore & { readonly site: string };
    readonly archive?: ObjectStore & { readonly objectLock: { readonly mode: 'COMPLIANCE' | 'GOVERNANCE' } };
  };
  readonly schedules: { readonly incremental: string; readonly full: string; readonly archive: string };
  readonly retentionYears: number;
  readonly localRetentionDays: number;
  readonly restoreDrill?: { readonly schedule: string; readonly sourceEnvironment: string; readonly source: ObjectStore; readonly scratchSize: string };
  /** The database's stable address and the labels of its pod (backup jobs run on its node). */
  readonly dbHost: string;
  readonly dbSelectorLabels: Readonly<Record<string, string>>;
  /** The PVC holding the database's files (XtraBackup reads them directly). */
  readonly dataClaim: string;
  readonly placement: Placement;
  /** The database's resources: the drill's scratch instance gets the same. */
  readonly serverResources: { readonly requests: Amounts; readonly limits: Amounts };
}
type Amounts = { readonly cpu: string; readonly memory: string };

const SCRIPTS_DIR = path.join(__dirname, 'scripts');
/** The scripts shipped to every job, read from `scripts/` so reviewers and `bash -n` see the same text. */
export const BACKUP_SCRIPTS: readonly string[] = [
  'lib.sh',
  'canary.sh',
  'mysql-backup.sh',
  'postgresql-backup.sh',
  'oracle-backup.sh',
  'copy-set.sh',
  'archive-check-lock.sh',
  'archive-copy.sh',
  'archive-verify-retention.sh',
  'fetch-offsite.sh',
  'mysql-restore-drill.sh',
  'postgresql-restore-drill.sh',
  'oracle-restore-drill.sh',
];
export const readBackupScript = (file: string): string => fs.readFileSync(path.join(SCRIPTS_DIR, file), 'utf8');

/**
 * A literal text as a Terraform string: in Terraform JSON every string is a template, so the shell's
 * `${1:?usage}` or `${#chain[@]}` would be read as interpolations (and fail `terraform validate` with
 * "Extra characters after interpolation expression"). `$${` and `%%{` are Terraform's escapes; the
 * object receives the text unchanged.
 */
export const terraformLiteral = (text: string): string => text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');

/** Where the first local target (the engine's own output) is mounted in every pod. */
export const LOCAL_A_MOUNT = '/backup/local-a';
const SCRIPTS_MOUNT = '/opt/backup';
const CREDENTIALS_MOUNT = '/run/secrets/db';
const SCRATCH_MOUNT = '/scratch';

/** Job timing: generous deadlines for multi-terabyte sets, never two runs of one job at once. */
const JOB_TIMING: Record<BackupKind, { activeDeadlineSeconds: number; startingDeadlineSeconds: number; backoffLimit: number }> = {
  incremental: { activeDeadlineSeconds: 4 * 3600, startingDeadlineSeconds: 3600, backoffLimit: 2 },
  full: { activeDeadlineSeconds: 10 * 3600, startingDeadlineSeconds: 3600, backoffLimit: 2 },
  archive: { activeDeadlineSeconds: 12 * 3600, startingDeadlineSeconds: 6 * 3600, backoffLimit: 2 },
  'restore-drill': { activeDeadlineSeconds: 20 * 3600, startingDeadlineSeconds: 6 * 3600, backoffLimit: 1 },
};

const TOOL_RESOURCES = { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } };
const COPY_RESOURCES = { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } };
const CLIENT_RESOURCES = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } };

/** `s3://<host>/<bucket>/<prefix>`: how a target is named in annotations and reports. */
export const objectStoreUri = (store: ObjectStore, defaultPrefix: string): string =>
  `s3://${new URL(store.endpoint).host}/${store.bucket}/${store.prefix ?? defaultPrefix}`;

type Container = CronJobV1SpecJobTemplateSpecTemplateSpecContainer;
type Env = CronJobV1SpecJobTemplateSpecTemplateSpecContainerEnv[];
type Volume = { readonly name: string; readonly [key: string]: unknown };

export class DataStoreBackups extends Construct {
  readonly cronJobs = new Map<BackupKind, CronJobV1>();
  /** The PVC of the first local target (mounted by the database pod for PostgreSQL and Oracle). */
  readonly localVolumeClaim: string;
  /** PostgreSQL: the server-side pgBackRest configuration for the database pod. */
  readonly pgbackrestServerConfigMap?: string;
  readonly pgbackrestStanza?: string;

  private readonly props: DataStoreBackupsProps;
  private readonly scriptsConfigMap: string;
  private readonly serviceAccount: string;
  private readonly localTargetUris: string[] = [];

  constructor(scope: Construct, id: string, props: DataStoreBackupsProps) {
    super(scope, id);
    this.props = props;
    const [first] = props.targets.local;
    if (!first || first.type !== 'volume') throw new Error(`data store ${props.name}: the first local target must be a volume`);
    const labels = this.labels(`${props.name}-backup`);

    for (const target of props.targets.local) {
      if (target.type === 'volume') {
        // Names are plain strings (not references) so policies read them from the synthesized JSON as they are.
        const claimName = `${props.name}-backup-${target.name}`;
        new PersistentVolumeClaimV1(this, `volume-${target.name}`, {
          metadata: { name: claimName, namespace: props.namespace, labels },
          spec: {
            accessModes: ['ReadWriteOnce'],
            storageClassName: target.storageClass,
            resources: { requests: { storage: target.size } },
          },
          waitUntilBound: false,
        });
        this.localTargetUris.push(`pvc://${props.namespace}/${claimName}`);
      } else {
        this.localTargetUris.push(objectStoreUri(target, props.name));
      }
    }
    this.localVolumeClaim = `${props.name}-backup-${first.name}`;

    this.scriptsConfigMap = `${props.name}-backup-scripts`;
    new ConfigMapV1(this, 'scripts', {
      metadata: { name: this.scriptsConfigMap, namespace: props.namespace, labels },
      data: Object.fromEntries(BACKUP_SCRIPTS.map((file) => [file, terraformLiteral(readBackupScript(file))])),
    });

    if (props.engine === 'postgresql') {
      this.pgbackrestStanza = props.database;
      this.pgbackrestServerConfigMap = `${props.name}-pgbackrest-server`;
      new ConfigMapV1(this, 'pgbackrest-server', {
        metadata: { name: this.pgbackrestServerConfigMap, namespace: props.namespace, labels },
        data: { 'pgbackrest.conf': this.pgbackrestConfig('server') },
      });
      new ConfigMapV1(this, 'pgbackrest-client', {
        metadata: { name: `${props.name}-pgbackrest-client`, namespace: props.namespace, labels },
        data: { 'pgbackrest.conf': this.pgbackrestConfig('client') },
      });
    }

    this.serviceAccount = `${props.name}-backup`;
    new ServiceAccountV1(this, 'service-account', {
      metadata: { name: this.serviceAccount, namespace: props.namespace, labels },
      automountServiceAccountToken: false,
    });

    this.backupJob('full');
    this.backupJob('incremental');
    if (props.targets.archive) this.archiveJob(props.targets.archive);
    if (props.restoreDrill) this.restoreDrillJob(props.restoreDrill);
  }

  /** Labels of every object; CronJobs add `platform.hospital/backup`. */
  private labels(name: string, kind?: BackupKind): Record<string, string> {
    return {
      ...platformLabels(name),
      [DATA_STORE_LABEL]: this.props.name,
      [SEGMENT_LABEL]: this.props.segment,
      ...(kind ? { [BACKUP_LABEL]: kind } : {}),
      ...(this.props.holdsMedicalRecords ? { [DATA_CLASS_LABEL]: MEDICAL_RECORD } : {}),
    };
  }

  /** The facts the policy rules read: where copies go and how long the archive is kept. */
  private targetAnnotations(): Record<string, string> {
    const { targets, retentionYears, name, engine } = this.props;
    return {
      [BACKUP_ANNOTATIONS.engine]: engine,
      [BACKUP_ANNOTATIONS.localTargets]: this.localTargetUris.join(','),
      ...(targets.offsite
        ? { [BACKUP_ANNOTATIONS.offsiteTarget]: objectStoreUri(targets.offsite, name), [BACKUP_ANNOTATIONS.offsiteSite]: targets.offsite.site }
        : {}),
      ...(targets.archive
        ? {
            [BACKUP_ANNOTATIONS.archiveTarget]: objectStoreUri(targets.archive, name),
            [BACKUP_ANNOTATIONS.objectLock]: targets.archive.objectLock.mode,
          }
        : {}),
      [BACKUP_ANNOTATIONS.retentionYears]: String(retentionYears),
    };
  }

  private backupJob(kind: 'full' | 'incremental'): void {
    const { props } = this;
    const profile = ENGINE_PROFILES[props.engine];
    const common = this.commonEnv();
    const dbEnv: Env = [
      { name: 'DB_HOST', value: props.dbHost },
      { name: 'DB_PORT', value: String(profile.port) },
      { name: 'DB_NAME', value: props.database },
      { name: 'DB_ACCOUNT_DIR', value: CREDENTIALS_MOUNT },
      { name: 'ENGINE', value: props.engine },
    ];
    const engineStep = this.engineBackupStep(kind, [...common, ...dbEnv]);
    const steps: Container[] = [
      this.step('canary', props.image, 'canary.sh', [], [...common, ...dbEnv], CLIENT_RESOURCES, ['scripts', 'tmp', 'credentials']),
      engineStep,
    ];
    const second = props.targets.local[1];
    if (second)
      steps.push(
        this.copyStep(
          'copy-local',
          second.type === 'volume' ? `/backup/local-b/${props.name}` : `localb:${second.bucket}/${second.prefix ?? props.name}`,
          second.type === 's3' ? this.rcloneRemote('LOCALB', second) : [],
        ),
      );
    if (props.targets.offsite) {
      const offsite = props.targets.offsite;
      steps.push(this.copyStep('offsite-copy', `offsite:${offsite.bucket}/${offsite.prefix ?? props.name}`, this.rcloneRemote('OFFSITE', offsite)));
    }
    const schedule = kind === 'full' ? props.schedules.full : props.schedules.incremental;
    this.cronJob(kind, schedule, steps, this.targetAnnotations(), true);
  }

  /** The engine's own tool writes one set into the first local target. */
  private engineBackupStep(kind: 'full' | 'incremental', env: Env): Container {
    const { props } = this;
    switch (props.engine) {
      case 'mysql':
        return this.step(
          'backup',
          props.tooling.xtrabackup,
          'mysql-backup.sh',
          [kind],
          [...env, { name: 'DATADIR', value: ENGINE_PROFILES.mysql.dataPath }],
          TOOL_RESOURCES,
          ['scripts', 'tmp', 'credentials', 'local-a', 'data'],
        );
      case 'postgresql':
        return this.step(
          'backup',
          props.tooling.pgbackrest,
          'postgresql-backup.sh',
          [kind],
          [...env, { name: 'STANZA', value: this.pgbackrestStanza! }, { name: 'PGBACKREST_CONFIG', value: '/etc/pgbackrest/pgbackrest.conf' }],
          TOOL_RESOURCES,
          ['scripts', 'tmp', 'local-a', 'pgbackrest-config', 'pgbackrest-tls'],
        );
      case 'oracle':
        // RMAN must match the server release: it runs from the database image.
        return this.step('backup', props.image, 'oracle-backup.sh', [kind], env, TOOL_RESOURCES, ['scripts', 'tmp', 'credentials', 'local-a']);
    }
  }

  private archiveJob(archive: NonNullable<DataStoreBackupsProps['targets']['archive']>): void {
    const { props } = this;
    const prefix = archive.prefix ?? props.name;
    const awsEnv: Env = [
      ...this.commonEnv(),
      { name: 'ARCHIVE_ENDPOINT', value: archive.endpoint },
      { name: 'ARCHIVE_BUCKET', value: archive.bucket },
      { name: 'ARCHIVE_PREFIX', value: prefix },
      { name: 'RETENTION_YEARS', value: String(props.retentionYears) },
      { name: 'OBJECT_LOCK_MODE', value: archive.objectLock.mode },
      { name: 'AWS_DEFAULT_REGION', value: archive.region },
      { name: 'AWS_ACCESS_KEY_ID', valueFrom: { secretKeyRef: { name: archive.credentialsSecret, key: 'access-key-id' } } },
      { name: 'AWS_SECRET_ACCESS_KEY', valueFrom: { secretKeyRef: { name: archive.credentialsSecret, key: 'secret-access-key' } } },
    ];
    const steps = [
      this.step('check-object-lock', props.tooling.awsCli, 'archive-check-lock.sh', [], awsEnv, CLIENT_RESOURCES, ['scripts', 'tmp']),
      this.step(
        'archive-copy',
        props.tooling.rclone,
        'archive-copy.sh',
        [`archive:${archive.bucket}/${prefix}`],
        [...this.commonEnv(), ...this.rcloneRemote('ARCHIVE', archive)],
        COPY_RESOURCES,
        ['scripts', 'tmp', 'local-a'],
      ),
      this.step('verify-retention', props.tooling.awsCli, 'archive-verify-retention.sh', [], awsEnv, CLIENT_RESOURCES, ['scripts', 'tmp']),
    ];
    this.cronJob('archive', props.schedules.archive, steps, this.targetAnnotations(), true);
  }

  private restoreDrillJob(drill: NonNullable<DataStoreBackupsProps['restoreDrill']>): void {
    const { props } = this;
    const env: Env = [...this.commonEnv(), { name: 'SCRATCH', value: SCRATCH_MOUNT }, { name: 'DB_NAME', value: props.database }];
    const source = `drillsource:${drill.source.bucket}/${drill.source.prefix ?? props.name}`;
    const steps: Container[] = [
      this.step(
        'fetch-offsite',
        props.tooling.rclone,
        'fetch-offsite.sh',
        [source],
        [...env, ...this.rcloneRemote('DRILLSOURCE', drill.source)],
        COPY_RESOURCES,
        ['scripts', 'tmp', 'scratch'],
      ),
    ];
    const volumes = ['scripts', 'tmp', 'scratch'];
    switch (props.engine) {
      case 'mysql':
        steps.push(this.step('prepare', props.tooling.xtrabackup, 'mysql-restore-drill.sh', ['prepare'], env, TOOL_RESOURCES, volumes));
        steps.push(this.step('verify', props.image, 'mysql-restore-drill.sh', ['verify'], env, props.serverResources, volumes));
        break;
      case 'postgresql': {
        const pgEnv = [...env, { name: 'STANZA', value: props.database }];
        steps.push(this.step('prepare', props.tooling.pgbackrest, 'postgresql-restore-drill.sh', ['prepare'], pgEnv, TOOL_RESOURCES, volumes));
        steps.push(this.step('verify', props.image, 'postgresql-restore-drill.sh', ['verify'], pgEnv, props.serverResources, volumes));
        break;
      }
      case 'oracle':
        // The scratch instance writes its lock files into $ORACLE_HOME/dbs (the root filesystem is read-only).
        steps.push(this.step('verify', props.image, 'oracle-restore-drill.sh', [], env, props.serverResources, [...volumes, 'oracle-dbs']));
        break;
    }
    this.cronJob(
      'restore-drill',
      drill.schedule,
      steps,
      {
        [BACKUP_ANNOTATIONS.engine]: props.engine,
        [BACKUP_ANNOTATIONS.drillSourceEnvironment]: drill.sourceEnvironment,
        [BACKUP_ANNOTATIONS.drillSource]: objectStoreUri(drill.source, props.name),
      },
      false,
    );
  }

  private commonEnv(): Env {
    return [
      { name: 'STORE', value: this.props.name },
      { name: 'BACKUP_ROOT', value: `${LOCAL_A_MOUNT}/${this.props.name}` },
      { name: 'LOCAL_RETENTION_DAYS', value: String(this.props.localRetentionDays) },
      // Each Job's name is unique per run: it names the backup set.
      { name: 'SET_ID', valueFrom: { fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/job-name']" } } },
      { name: 'HOME', value: '/tmp' },
    ];
  }

  /** rclone S3 remote from environment variables; keys only through secretKeyRef. */
  private rcloneRemote(remote: string, store: ObjectStore): Env {
    const prefix = `RCLONE_CONFIG_${remote}_`;
    return [
      { name: `${prefix}TYPE`, value: 's3' },
      { name: `${prefix}PROVIDER`, value: 'Other' },
      { name: `${prefix}ENDPOINT`, value: store.endpoint },
      { name: `${prefix}REGION`, value: store.region },
      { name: `${prefix}NO_CHECK_BUCKET`, value: 'true' },
      { name: `${prefix}ACCESS_KEY_ID`, valueFrom: { secretKeyRef: { name: store.credentialsSecret, key: 'access-key-id' } } },
      { name: `${prefix}SECRET_ACCESS_KEY`, valueFrom: { secretKeyRef: { name: store.credentialsSecret, key: 'secret-access-key' } } },
    ];
  }

  private copyStep(name: string, destination: string, remoteEnv: Env): Container {
    const volumes = ['scripts', 'tmp', 'local-a', ...(destination.startsWith('/backup/local-b') ? ['local-b'] : [])];
    return this.step(name, this.props.tooling.rclone, 'copy-set.sh', [destination], [...this.commonEnv(), ...remoteEnv], COPY_RESOURCES, volumes);
  }

  private step(
    name: string,
    image: string,
    script: string,
    args: readonly string[],
    env: Env,
    resources: { requests: Amounts; limits: Amounts },
    volumes: readonly string[],
  ): Container {
    return {
      name,
      image,
      imagePullPolicy: 'IfNotPresent',
      command: ['/bin/bash', `${SCRIPTS_MOUNT}/${script}`],
      args: [...args],
      env: dedupeEnv(env),
      resources: { requests: { ...resources.requests }, limits: { ...resources.limits } },
      securityContext: restrictedContainerSecurityContext(),
      volumeMount: volumes.map((volume) => this.mountFor(volume)),
    };
  }

  private mountFor(volume: string): { name: string; mountPath: string; readOnly?: boolean } {
    switch (volume) {
      case 'scripts':
        return { name: volume, mountPath: SCRIPTS_MOUNT, readOnly: true };
      case 'credentials':
        return { name: volume, mountPath: CREDENTIALS_MOUNT, readOnly: true };
      case 'tmp':
        return { name: volume, mountPath: '/tmp' };
      case 'local-a':
        return { name: volume, mountPath: LOCAL_A_MOUNT };
      case 'local-b':
        return { name: volume, mountPath: '/backup/local-b' };
      case 'data':
        return { name: volume, mountPath: ENGINE_PROFILES.mysql.dataPath, readOnly: true };
      case 'scratch':
        return { name: volume, mountPath: SCRATCH_MOUNT };
      case 'oracle-dbs':
        return { name: volume, mountPath: '/opt/oracle/product/19c/dbhome_1/dbs' };
      case 'pgbackrest-config':
        return { name: volume, mountPath: '/etc/pgbackrest', readOnly: true };
      case 'pgbackrest-tls':
        return { name: volume, mountPath: '/etc/pgbackrest-tls', readOnly: true };
      default:
        throw new Error(`unknown backup volume ${volume}`);
    }
  }

  private volume(name: string): Volume {
    const { props } = this;
    switch (name) {
      case 'scripts':
        return { name, configMap: { name: this.scriptsConfigMap, defaultMode: '0555' } };
      case 'credentials':
        return { name, secret: { secretName: props.credentialsSecret, defaultMode: '0400' } };
      case 'tmp':
        return { name, emptyDir: { medium: 'Memory', sizeLimit: '256Mi' } };
      case 'oracle-dbs':
        return { name, emptyDir: { sizeLimit: '1Gi' } };
      case 'local-a':
        return { name, persistentVolumeClaim: { claimName: this.localVolumeClaim } };
      case 'local-b':
        return { name, persistentVolumeClaim: { claimName: `${props.name}-backup-${props.targets.local[1]!.name}` } };
      case 'data':
        return { name, persistentVolumeClaim: { claimName: props.dataClaim, readOnly: true } };
      case 'scratch':
        // Restored medical data stays on the encrypted storage class, and the volume dies with the pod.
        return {
          name,
          ephemeral: {
            volumeClaimTemplate: {
              metadata: { labels: this.labels(`${props.name}-restore-drill`) },
              spec: {
                accessModes: ['ReadWriteOnce'],
                storageClassName: props.storageClass,
                resources: { requests: { storage: props.restoreDrill!.scratchSize } },
              },
            },
          },
        };
      case 'pgbackrest-config':
        return { name, configMap: { name: `${props.name}-pgbackrest-client`, defaultMode: '0444' } };
      case 'pgbackrest-tls':
        return { name, secret: { secretName: `${props.name}-pgbackrest-client-tls`, defaultMode: '0400' } };
      default:
        throw new Error(`unknown backup volume ${name}`);
    }
  }

  private cronJob(kind: BackupKind, schedule: string, steps: readonly Container[], annotations: Record<string, string>, onDatabaseNode: boolean): void {
    const { props } = this;
    const name = kind === 'full' || kind === 'incremental' ? `${props.name}-backup-${kind}` : `${props.name}-${kind}`;
    const labels = this.labels(name, kind);
    const timing = JOB_TIMING[kind];
    const profile = ENGINE_PROFILES[props.engine];
    const volumeNames = [...new Set(steps.flatMap((step) => (step.volumeMount as { name: string }[]).map((mount) => mount.name)))];
    // Steps run in order as init containers; the last one is the main container (its exit ends the Job).
    const initContainers = steps.slice(0, -1);
    const main = steps[steps.length - 1]!;
    const job = new CronJobV1(this, `cron-job-${kind}`, {
      metadata: { name, namespace: props.namespace, labels, annotations },
      spec: {
        schedule,
        timezone: props.timeZone,
        concurrencyPolicy: 'Forbid',
        startingDeadlineSeconds: timing.startingDeadlineSeconds,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 5,
        suspend: false,
        jobTemplate: {
          metadata: { labels },
          spec: {
            backoffLimit: timing.backoffLimit,
            activeDeadlineSeconds: timing.activeDeadlineSeconds,
            ttlSecondsAfterFinished: String(7 * 24 * 3600),
            template: {
              metadata: { labels },
              spec: {
                restartPolicy: 'Never',
                serviceAccountName: this.serviceAccount,
                automountServiceAccountToken: false,
                securityContext: {
                  ...restrictedPodSecurityContext(),
                  runAsUser: String(profile.uid),
                  runAsGroup: String(profile.uid),
                  fsGroup: String(profile.uid),
                },
                nodeSelector: { ...props.placement.nodeSelector },
                toleration: props.placement.tolerations.map(toleration),
                // The first local target (and MySQL's data volume) are ReadWriteOnce: run beside the database.
                affinity: onDatabaseNode
                  ? {
                      podAffinity: {
                        requiredDuringSchedulingIgnoredDuringExecution: [
                          {
                            labelSelector: [{ matchLabels: { ...props.dbSelectorLabels } }],
                            topologyKey: 'kubernetes.io/hostname',
                            namespaces: [props.namespace],
                          },
                        ],
                      },
                    }
                  : undefined,
                initContainer: initContainers.length > 0 ? [...initContainers] : undefined,
                container: [main],
                volume: volumeNames.map((volume) => this.volume(volume)) as never,
              },
            },
          },
        },
      },
    });
    this.cronJobs.set(kind, job);
  }

  private pgbackrestConfig(side: 'server' | 'client'): string {
    const { props } = this;
    const fullSetsKept = Math.max(2, Math.ceil(props.localRetentionDays / 7));
    const common = [
      '[global]',
      `repo1-path=${LOCAL_A_MOUNT}/${props.name}/pgbackrest`,
      `repo1-retention-full=${fullSetsKept}`,
      'compress-type=zst',
      'log-path=/tmp',
      'lock-path=/tmp/pgbackrest',
      'log-level-console=info',
      'log-level-file=off',
    ];
    const pgPath = `pg1-path=${ENGINE_PROFILES.postgresql.dataPath}/pgdata`;
    if (side === 'server') {
      return [
        ...common,
        'tls-server-address=*',
        `tls-server-port=${PGBACKREST_TLS_PORT}`,
        'tls-server-cert-file=/etc/pgbackrest-tls/tls.crt',
        'tls-server-key-file=/etc/pgbackrest-tls/tls.key',
        'tls-server-ca-file=/etc/pgbackrest-tls/ca.crt',
        // Only the backup client's certificate (CN pgbackrest-client) may use this stanza.
        `tls-server-auth=pgbackrest-client=${props.database}`,
        '',
        `[${props.database}]`,
        pgPath,
        'pg1-socket-path=/var/run/postgresql',
        '',
      ].join('\n');
    }
    return [
      ...common,
      'start-fast=y',
      '',
      `[${props.database}]`,
      `pg1-host=${props.dbHost}`,
      'pg1-host-type=tls',
      `pg1-host-port=${PGBACKREST_TLS_PORT}`,
      'pg1-host-cert-file=/etc/pgbackrest-tls/tls.crt',
      'pg1-host-key-file=/etc/pgbackrest-tls/tls.key',
      'pg1-host-ca-file=/etc/pgbackrest-tls/ca.crt',
      pgPath,
      '',
    ].join('\n');
  }
}

/** Later entries win (a step's own value over the common one). */
function dedupeEnv(env: Env): Env {
  const byName = new Map<string, Env[number]>();
  for (const entry of env) byName.set(entry.name, entry);
  return [...byName.values()];
}
