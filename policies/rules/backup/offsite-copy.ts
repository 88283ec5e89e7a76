import { containersOf, CRON_JOB_TYPES } from '../../kubernetes';
import type { ResourceRule } from '../../model';
import { annotation, BACKUP_ANNOTATIONS, backupJobOf } from './facts';

/** The container of a backup job that copies the finished set off site (named by the backup construct). */
export const OFFSITE_COPY_CONTAINER = 'offsite-copy';

export const backupOffsiteCopy: ResourceRule = {
  id: 'backup/offsite-copy',
  profile: 'platform',
  title: 'Every backup of a medical data store is copied off site',
  severity: 'high',
  rationale:
    'Local copies share the building\'s fate (fire, flood, ransomware on the site network). The operations plan keeps an off-site disaster-recovery copy of core data: ' +
    'each full and incremental backup job ends by copying its set to the other site.',
  remediation:
    'Declare dataStores.<name>.backup.targets.offsite (site: the other environment, its object store endpoint and bucket) so the backup CronJobs get an ' +
    `"${OFFSITE_COPY_CONTAINER}" step and the ${BACKUP_ANNOTATIONS.offsiteTarget} / ${BACKUP_ANNOTATIONS.offsiteSite} annotations.`,
  resourceTypes: CRON_JOB_TYPES,
  controls: { mlps: ['8.1.4.9'], hipaa: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)'], operationsPlan: 'ops-7.2' },
  scope: 'resource',
  evaluate(resource) {
    const job = backupJobOf(resource);
    if (!job || (job.kind !== 'full' && job.kind !== 'incremental')) return { status: 'not-applicable', message: 'not a full or incremental backup CronJob' };
    if (!job.medical) return { status: 'not-applicable', message: `data store ${job.dataStore} holds no medical records` };
    const target = annotation(job.annotations, BACKUP_ANNOTATIONS.offsiteTarget);
    const site = annotation(job.annotations, BACKUP_ANNOTATIONS.offsiteSite);
    if (!target) {
      return { status: 'fail', message: `${job.kind} backup of ${job.dataStore} has no off-site target: metadata[0].annotations["${BACKUP_ANNOTATIONS.offsiteTarget}"] is unset` };
    }
    if (!site) return { status: 'fail', message: `${job.kind} backup of ${job.dataStore}: metadata[0].annotations["${BACKUP_ANNOTATIONS.offsiteSite}"] is unset (which site holds ${target}?)` };
    if (site === resource.environment) {
      return { status: 'fail', message: `${job.kind} backup of ${job.dataStore}: the off-site target ${target} is at site "${site}", the environment's own site` };
    }
    const copy = containersOf(resource).find((container) => container.name === OFFSITE_COPY_CONTAINER);
    if (!copy) {
      return { status: 'fail', message: `${job.kind} backup of ${job.dataStore} declares ${target} but has no "${OFFSITE_COPY_CONTAINER}" container that copies the set there` };
    }
    return { status: 'pass', message: `${job.kind} backup of ${job.dataStore} is copied to ${target} (site ${site}) by ${copy.path}`, details: { offsiteTarget: target, offsiteSite: site } };
  },
};
