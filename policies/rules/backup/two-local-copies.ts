import { CRON_JOB_TYPES, podSpecOf } from '../../kubernetes';
import type { ResourceRule } from '../../model';
import { blocks, get, str } from '../../values';
import { annotationList, BACKUP_ANNOTATIONS, backupJobOf } from './facts';

export const backupTwoLocalCopies: ResourceRule = {
  id: 'backup/two-local-copies',
  profile: 'platform',
  title: 'Every backup of a medical data store is written to two local targets',
  severity: 'high',
  rationale:
    'The operations plan keeps a local double copy of core data, so one failed disk array or a corrupted backup volume does not leave the site without a fast restore. ' +
    'The two targets must be distinct (another volume or the on-site object store), and a volume target must really be mounted by the job.',
  remediation:
    'Declare two entries under dataStores.<name>.backup.targets.local (e.g. local-a: a volume on the encrypted storage class, local-b: the backup appliance\'s object store).',
  resourceTypes: CRON_JOB_TYPES,
  controls: { mlps: ['8.1.4.9'], hipaa: ['164.308(a)(7)(ii)(A)'], operationsPlan: 'ops-7.1' },
  scope: 'resource',
  evaluate(resource) {
    const job = backupJobOf(resource);
    if (!job || (job.kind !== 'full' && job.kind !== 'incremental')) return { status: 'not-applicable', message: 'not a full or incremental backup CronJob' };
    if (!job.medical) return { status: 'not-applicable', message: `data store ${job.dataStore} holds no medical records` };
    const targets = [...new Set(annotationList(job.annotations, BACKUP_ANNOTATIONS.localTargets))];
    const field = `metadata[0].annotations["${BACKUP_ANNOTATIONS.localTargets}"]`;
    if (targets.length < 2) {
      return { status: 'fail', message: `${job.kind} backup of ${job.dataStore} writes ${targets.length} distinct local target(s) (${field} = ${JSON.stringify(targets.join(','))}); expected 2` };
    }
    const pod = podSpecOf(resource);
    // Volumes of other kinds add `undefined`, which no claim name equals.
    const claims = new Set(blocks(pod?.spec.volume).map((volume) => str(get(volume, 'persistent_volume_claim[0].claim_name'))));
    for (const target of targets) {
      const match = /^pvc:\/\/([^/]+)\/(.+)$/.exec(target);
      if (match && !claims.has(match[2]!)) {
        return { status: 'fail', message: `${job.kind} backup of ${job.dataStore} names local target ${target} but mounts no volume with persistent_volume_claim.claim_name "${match[2]}"` };
      }
      if (!match && !/^s3:\/\/[^/]+\/[^/]/.test(target)) {
        return { status: 'fail', message: `${job.kind} backup of ${job.dataStore}: local target "${target}" in ${field} is neither pvc://<namespace>/<claim> nor s3://<host>/<bucket>/…` };
      }
    }
    return { status: 'pass', message: `${job.kind} backup of ${job.dataStore} is written to ${targets.join(' and ')}`, details: { localTargets: targets } };
  },
};
