/**
 * The contract between what the constructs write and what the policy rules read: label keys, label
 * values, annotation keys and segment names on the synthesized Kubernetes objects.
 *
 * Both sides import this module and nothing else of each other (policies/ never imports constructs/,
 * enforced by eslint.config.mjs), so a renamed key changes here once and both sides follow. Rules still
 * never *trust* a label or annotation the same change could flip: they prove from what will run, and
 * these keys only say where to look. Changing a value here changes the synthesized Terraform JSON, which
 * test/stacks/golden.test.ts reports.
 *
 * Plain data only: no imports, so every layer (constructs, stacks, policies, report, cli) may use it.
 */

/** Label keys. */
export const LABELS = {
  /** Trust zone of a namespace or pod (one of SEGMENTS); also the taint key of each segment's node pool. */
  segment: 'platform.hospital/segment',
  /** `core` on the workloads of 7×24 clinical systems (HIS registration/billing, EMR, LIS). */
  tier: 'platform.hospital/tier',
  /** `medical-record` on data stores (and their namespaces) that hold medical records. */
  dataClass: 'platform.hospital/data-class',
  /** The clinical system a workload belongs to (e.g. `his-registration`). */
  system: 'platform.hospital/system',
  /** Release track of a clinical system's pods: `stable`, or `canary` during a gray release. */
  track: 'platform.hospital/track',
  /** On backup CronJobs: one of BACKUP_KINDS. */
  backup: 'platform.hospital/backup',
  /** On data stores and their backup CronJobs: the database's name. */
  dataStore: 'platform.hospital/data-store',
  /** Standard Kubernetes application name; identifies e.g. the registration service. */
  appName: 'app.kubernetes.io/name',
  partOf: 'app.kubernetes.io/part-of',
  managedBy: 'app.kubernetes.io/managed-by',
  /** Kubernetes sets this label on every namespace; network policies name namespaces through it. */
  namespaceName: 'kubernetes.io/metadata.name',
} as const;

/** Label values with a meaning on both sides. */
export const LABEL_VALUES = {
  coreTier: 'core',
  medicalRecord: 'medical-record',
  canaryTrack: 'canary',
  stableTrack: 'stable',
  /** `app.kubernetes.io/part-of` of every platform-managed object. */
  partOfPlatform: 'hospital-platform',
  /** `app.kubernetes.io/managed-by` of every platform-managed object. */
  managedByTerraform: 'terraform',
} as const;

/** The trust zones of the operations plan; a namespace's `LABELS.segment` is one of them. */
export const SEGMENTS = ['medical', 'guest', 'dmz', 'management'] as const;
export type SegmentName = (typeof SEGMENTS)[number];

/** What a backup CronJob does (`LABELS.backup`). */
export const BACKUP_KINDS = ['incremental', 'full', 'restore-drill', 'archive', 'offsite-copy'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** Annotation keys on workloads and namespaces. */
export const ANNOTATIONS = {
  /**
   * Declares that a workload needs its service-account token (it talks to the Kubernetes API). Value
   * `required`; anything else is ignored.
   */
  serviceAccountToken: 'platform.hospital/service-account-token',
  /** On a namespace whose Pod Security level is not `restricted`: the reviewed reason. */
  podSecurityException: 'platform.hospital/pod-security-exception',
  /** On storage classes and volumes of medical records: the cipher (SM4 or AES). */
  encryptionAlgorithm: 'platform.hospital/encryption-algorithm',
  /** Free text for people reading the object (network policies, roles). */
  purpose: 'platform.hospital/purpose',
  description: 'platform.hospital/description',
} as const;

/**
 * Annotations the backup construct writes on backup CronJobs. They document the job for people and
 * tools; no rule proves anything from them (`backup/annotations-match-containers` reports where they
 * disagree with what the containers do).
 */
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

/**
 * Annotations of every default-deny NetworkPolicy recording the cluster's networks (comma-separated
 * CIDRs): the reachability analysis (policies/network) reads them to know which ipBlocks cover pods
 * and nodes.
 */
export const CLUSTER_CIDR_ANNOTATIONS = {
  pods: 'platform.hospital/pod-cidrs',
  services: 'platform.hospital/service-cidrs',
  nodes: 'platform.hospital/node-cidrs',
} as const;

/** Annotations on RoleBindings and ClusterRoleBindings that the permission report and `rbac/*` rules read. */
export const ACCESS_ANNOTATIONS = {
  /** The operations role a binding grants. */
  role: 'platform.hospital/role',
  identityProvider: 'platform.hospital/identity-provider',
  /** Break-glass bindings: the date (YYYY-MM-DD) after which the binding must be gone or renewed. */
  expires: 'platform.hospital/expires',
  reason: 'platform.hospital/reason',
  approver: 'platform.hospital/approver',
} as const;
