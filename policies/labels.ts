/**
 * The labels and annotations by which rules recognise the hospital's objects. Everything that keys a
 * rule on a label reads it from here, so a renamed label changes in one place.
 */
export const LABELS = {
  /** Trust zone of a namespace or pod: `medical`, `guest`, `dmz`, `management`. */
  segment: 'platform.hospital/segment',
  /** `core` on the workloads of 7×24 clinical systems (HIS registration/billing, EMR, LIS). */
  tier: 'platform.hospital/tier',
  /** `medical-record` on data stores (and their namespaces) that hold medical records. */
  dataClass: 'platform.hospital/data-class',
  /** Standard Kubernetes application name; identifies e.g. the registration service. */
  appName: 'app.kubernetes.io/name',
  /** Release track of a clinical system's pods: `stable`, or `canary` during a gray release. */
  track: 'platform.hospital/track',
  /** On backup CronJobs: `incremental`, `full`, `restore-drill`, `archive`, `offsite-copy`. */
  backup: 'platform.hospital/backup',
  /** On data stores and their backup CronJobs: the database's name. */
  dataStore: 'platform.hospital/data-store',
} as const;

export const LABEL_VALUES = {
  coreTier: 'core',
  medicalRecord: 'medical-record',
  canaryTrack: 'canary',
} as const;

export const ANNOTATIONS = {
  /**
   * Declares that a workload needs its service-account token (it talks to the Kubernetes API). Value
   * `required`; anything else is ignored.
   */
  serviceAccountToken: 'platform.hospital/service-account-token',
} as const;
