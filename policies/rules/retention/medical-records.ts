import { CRON_JOB_TYPES } from '../../kubernetes';
import type { EstateRule } from '../../model';
import { annotation, BACKUP_ANNOTATIONS, dataStoresOf, subjectOf } from '../backup/facts';

/** Inpatient medical records are kept at least 30 years (the hospital's retention policy); the figure itself is configuration. */
export const MIN_MEDICAL_RETENTION_YEARS = 30;

export const retentionMedicalRecords: EstateRule = {
  id: 'retention/medical-records',
  profile: 'platform',
  title: 'Archives of medical records are kept at least 30 years on write-once storage',
  severity: 'high',
  rationale:
    'Inpatient medical records must be kept for at least 30 years. The monthly archive copy of each medical data store goes to a bucket with object lock in ' +
    'COMPLIANCE mode (nobody, not even an administrator, can delete or shorten it) and a retention of at least 30 years.',
  remediation:
    'Declare dataStores.<name>.backup.targets.archive with objectLock.mode COMPLIANCE and set dataStores.<name>.backup.retentionYears to 30 or more.',
  resourceTypes: CRON_JOB_TYPES,
  controls: { mlps: ['8.1.4.9', '8.1.4.10'], hipaa: ['164.308(a)(7)(ii)(A)', '164.310(d)(1)'], operationsPlan: 'ops-7.3' },
  scope: 'estate',
  evaluate(estate) {
    return estate.environments.flatMap((environment) =>
      dataStoresOf(estate, environment)
        .filter((store) => store.medical)
        .map((store) => {
          const archives = store.jobs.filter((job) => job.kind === 'archive' && !job.suspended);
          const subject = { ...(archives[0] ? { resource: archives[0].resource.address, file: archives[0].resource.file } : subjectOf(store)), environment };
          if (archives.length === 0) {
            return { ...subject, status: 'fail' as const, message: `data store ${store.name} holds medical records but no (unsuspended) CronJob labelled platform.hospital/backup=archive archives it` };
          }
          const judged = archives.map((job) => {
            const years = Number(annotation(job.annotations, BACKUP_ANNOTATIONS.retentionYears));
            const lock = annotation(job.annotations, BACKUP_ANNOTATIONS.objectLock);
            return { job, years: Number.isFinite(years) ? years : undefined, lock };
          });
          const best = judged.sort((a, b) => (b.years ?? -1) - (a.years ?? -1))[0]!;
          const details = { dataStore: store.name, retentionYears: best.years ?? null, minimumYears: MIN_MEDICAL_RETENTION_YEARS, objectLock: best.lock ?? null };
          const at = { ...subject, resource: best.job.resource.address, file: best.job.resource.file, details };
          if (best.years === undefined) {
            return { ...at, status: 'fail' as const, message: `data store ${store.name}: metadata[0].annotations["${BACKUP_ANNOTATIONS.retentionYears}"] is unset or not a number on the archive CronJob` };
          }
          if (best.years < MIN_MEDICAL_RETENTION_YEARS) {
            return { ...at, status: 'fail' as const, message: `data store ${store.name}: archive retention is ${best.years} years; medical records must be kept at least ${MIN_MEDICAL_RETENTION_YEARS} years` };
          }
          if (best.lock !== 'COMPLIANCE') {
            return {
              ...at,
              status: 'fail' as const,
              message: `data store ${store.name}: archive object lock is ${best.lock ?? 'unset'} (metadata[0].annotations["${BACKUP_ANNOTATIONS.objectLock}"]); expected COMPLIANCE so no one can shorten the retention`,
            };
          }
          return { ...at, status: 'pass' as const, message: `data store ${store.name}: archived monthly, kept ${best.years} years under COMPLIANCE object lock` };
        }),
    );
  },
};
