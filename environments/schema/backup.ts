/**
 * Clinical data stores (databases) and their backups: where each copy goes, when each backup runs, how
 * long archives are kept. The operations plan's minimums (two local copies, an off-site copy, daily
 * RPO, weekly full, monthly drill, 30-year retention of medical records) are enforced by the policy
 * rules (`policies/rules/backup/`, `retention/`, `dr/`) on the synthesized Terraform, not here: the
 * schema checks that the file is well formed, the rules check that it is compliant, so a weakened
 * file fails the gate with the rule's explanation rather than a bare schema error.
 */
import { kubernetesCronProblem } from '../../policies/kubernetes-cron';
import { z } from 'zod';
import { count, cpuQuantity, dnsLabel, memoryQuantity, pinnedImage, timeZone } from './primitives';

/**
 * A Kubernetes CronJob schedule (robfig/cron's standard dialect, `policies/kubernetes-cron.ts`): five
 * fields or a descriptor. The time zone goes into the CronJob's `timeZone`, never into the schedule.
 */
export const cronSchedule = z.string().superRefine((schedule, ctx) => {
  const problem = kubernetesCronProblem(schedule);
  if (problem) ctx.addIssue({ code: 'custom', message: `expected a cron schedule Kubernetes accepts, got "${schedule}": ${problem}` });
});

const storageSize = z.string().regex(/^\d+(Mi|Gi|Ti)$/, 'expected a storage size such as "500Gi" or "2Ti"');

/** A PersistentVolumeClaim in the data store's namespace (on an encrypted storage class). */
const volumeTargetSchema = z.strictObject({
  type: z.literal('volume'),
  storageClass: dnsLabel,
  size: storageSize,
});

/** An S3-compatible bucket (the hospital's on-site object store, the DR site's, or the archive). */
const objectStoreFields = {
  endpoint: z.url({ protocol: /^https$/, error: 'expected an https:// endpoint URL' }),
  bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name'),
  /** Folder inside the bucket; defaults to the data store's name. */
  prefix: z
    .string()
    .regex(/^[a-z0-9][a-z0-9/_-]*$/)
    .optional(),
  /** Secret with keys `access-key-id` and `secret-access-key`. */
  credentialsSecret: dnsLabel,
  region: z.string().min(1).default('us-east-1'),
};
const objectStoreTargetSchema = z.strictObject({ type: z.literal('s3'), ...objectStoreFields });

const localTargetSchema = z.discriminatedUnion('type', [volumeTargetSchema.extend({ name: dnsLabel }), objectStoreTargetSchema.extend({ name: dnsLabel })]);

/** The other site's object store; `site` names that site's environment (prod → dr, dr → prod). */
const offsiteTargetSchema = z.strictObject({ site: dnsLabel, ...objectStoreFields });

/** A write-once bucket: object lock with a default retention the archive job verifies before writing. */
const archiveTargetSchema = z.strictObject({
  ...objectStoreFields,
  objectLock: z.strictObject({ mode: z.enum(['COMPLIANCE', 'GOVERNANCE']) }),
});

/** This site restores another site's off-site copies (dr drills prod's backups, prod drills dr's). */
const restoreDrillSchema = z.strictObject({
  /** Monthly by default: 03:00 on the 1st. */
  schedule: cronSchedule.default('0 3 1 * *'),
  /** The environment whose backups are restored. */
  sourceEnvironment: dnsLabel,
  /** Where that environment's off-site copies land (its `offsite` target). */
  source: z.strictObject(objectStoreFields),
  /** Size of the scratch volume the copy is restored into (at least the data store's size). */
  scratchSize: storageSize,
});

export const DEFAULT_BACKUP_SCHEDULES = {
  /** Every day at 02:00 local time (operations plan). */
  incremental: '0 2 * * *',
  /** Sunday 01:00: done before Sunday's 02:00 incremental, which then chains on it. */
  full: '0 1 * * 0',
  /** 1st of the month, 06:00 (after the drill), the latest full set goes to the WORM archive. */
  archive: '0 6 1 * *',
} as const;

const backupSchema = z.strictObject({
  /** Time zone of the schedules; defaults to the environment's `timeZone`. */
  timeZone: timeZone.optional(),
  targets: z.strictObject({
    /** Two copies on site: the first is the PVC the engine writes to, the second another medium. */
    local: z.array(localTargetSchema).min(1).max(2),
    offsite: offsiteTargetSchema.optional(),
    archive: archiveTargetSchema.optional(),
  }),
  schedules: z
    .strictObject({
      incremental: cronSchedule.default(DEFAULT_BACKUP_SCHEDULES.incremental),
      full: cronSchedule.default(DEFAULT_BACKUP_SCHEDULES.full),
      archive: cronSchedule.default(DEFAULT_BACKUP_SCHEDULES.archive),
    })
    .prefault({}),
  /** Years the archived copies are kept (object-lock retention); medical records: ≥ 30 (rule retention/medical-records). */
  retentionYears: count.positive(),
  /** Days backup sets stay on the local targets before they are pruned. */
  localRetentionDays: count.min(7).default(35),
  restoreDrill: restoreDrillSchema.optional(),
});

const ENGINES = ['mysql', 'postgresql', 'oracle'] as const;
export type DataStoreEngine = (typeof ENGINES)[number];

export const dataStoreSchema = z
  .strictObject({
    namespace: dnsLabel,
    engine: z.enum(ENGINES),
    /** Medical records (inpatient/outpatient records, lab results, image indexes): the strictest rules apply. */
    holdsMedicalRecords: z.boolean(),
    /** Secret with keys `username` and `password` (the backup account). */
    credentialsSecret: dnsLabel,
    /** Database (MySQL/PostgreSQL) or Oracle service name the backup connects to. */
    database: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,29}$/, 'expected a database or service name (letters, digits, "_")'),
    storageClass: dnsLabel,
    image: pinnedImage,
    size: storageSize,
    resources: z
      .strictObject({
        requests: z.strictObject({ cpu: cpuQuantity, memory: memoryQuantity }),
        limits: z.strictObject({ cpu: cpuQuantity, memory: memoryQuantity }),
      })
      .default({ requests: { cpu: '1', memory: '4Gi' }, limits: { cpu: '4', memory: '8Gi' } }),
    /** Clinical systems that use this store (DR coverage, report). */
    serves: z.array(dnsLabel).default([]),
    backup: backupSchema,
  })
  .superRefine((store, ctx) => {
    const [first] = store.backup.targets.local;
    if (first && first.type !== 'volume') {
      ctx.addIssue({
        code: 'custom',
        path: ['backup', 'targets', 'local', 0, 'type'],
        message: `expected "volume" for the first local target (the engine writes its backup set to that PVC), got "${first.type}"`,
      });
    }
    const names = store.backup.targets.local.map((target) => target.name);
    if (new Set(names).size !== names.length) {
      ctx.addIssue({ code: 'custom', path: ['backup', 'targets', 'local'], message: `expected distinct local target names, got ${names.join(', ')}` });
    }
  });
export type DataStoreConfig = z.output<typeof dataStoreSchema>;
export type BackupConfig = DataStoreConfig['backup'];
export type LocalTargetConfig = BackupConfig['targets']['local'][number];

/**
 * Tool images, mirrored into the hospital registry and pinned by digest. Oracle's RMAN is not listed:
 * it must match the server release, so the Oracle jobs run in the data store's own image.
 */
export const backupToolingSchema = z.strictObject({
  /** Percona XtraBackup (MySQL full and incremental physical backups). */
  xtrabackup: pinnedImage.default(
    'registry.hospital.internal/mirror/percona/percona-xtrabackup:8.0.35-31@sha256:39009dfba3a84e709b9330d1e6ba3ba4c79ca6f68dd1ed8d8d1623a100b4dc26',
  ),
  /** pgBackRest (PostgreSQL full and incremental backups, verify, restore). */
  pgbackrest: pinnedImage.default(
    'registry.hospital.internal/mirror/pgbackrest/pgbackrest:2.54.2@sha256:f597a34338f4a6cf04b0ba80354ecae6aebc4202eab582b758af3387d04cd9cd',
  ),
  /**
   * rclone: checksummed copies to the second local target, off site and back for drills. The upstream
   * image is Alpine/busybox; the scripts need bash and GNU coreutils, so the platform builds rclone 1.68.2
   * on Debian slim (platform-images repository).
   */
  rclone: pinnedImage.default('registry.hospital.internal/platform/rclone-bash:1.68.2@sha256:1490519a786fe08524a75dc4a796fa70f3b141117bdb4b0e02502b7e62604c71'),
  /** AWS CLI: object-lock configuration and retention checks on the archive bucket. */
  awsCli: pinnedImage.default(
    'registry.hospital.internal/mirror/amazon/aws-cli:2.22.35@sha256:de2b52c2f73c083d5bd71fc5b1612dc36bd1f6d8713f75e22fe455f25e57d6bb',
  ),
});
export type BackupToolingConfig = z.output<typeof backupToolingSchema>;

/** Cross-section checks, called from the environment schema's superRefine. */
export function dataStoreIssues(environment: {
  readonly namespaces: Readonly<Record<string, unknown>>;
  readonly clinicalSystems: Readonly<Record<string, unknown>>;
  readonly dataStores: Readonly<Record<string, DataStoreConfig>>;
  /** Storage classes the encryption section declares; when given, every volume must use one of them. */
  readonly storageClasses?: readonly string[];
}): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const declaredClasses = environment.storageClasses;
  const checkClass = (path: (string | number)[], storageClass: string): void => {
    if (declaredClasses && !declaredClasses.includes(storageClass)) {
      issues.push({
        path,
        message: `expected one of the storage classes declared under encryption.storageClasses (${declaredClasses.join(', ')}), got "${storageClass}"`,
      });
    }
  };
  for (const [name, store] of Object.entries(environment.dataStores)) {
    checkClass(['dataStores', name, 'storageClass'], store.storageClass);
    store.backup.targets.local.forEach((target, index) => {
      if (target.type === 'volume') checkClass(['dataStores', name, 'backup', 'targets', 'local', index, 'storageClass'], target.storageClass);
    });
    if (!Object.hasOwn(environment.namespaces, store.namespace)) {
      issues.push({
        path: ['dataStores', name, 'namespace'],
        message: `expected one of the declared namespaces (${Object.keys(environment.namespaces).join(', ')}), got "${store.namespace}"`,
      });
    }
    store.serves.forEach((system, index) => {
      if (!Object.hasOwn(environment.clinicalSystems, system)) {
        issues.push({
          path: ['dataStores', name, 'serves', index],
          message: `expected one of the declared clinical systems (${Object.keys(environment.clinicalSystems).join(', ')}), got "${system}"`,
        });
      }
    });
  }
  return issues;
}
