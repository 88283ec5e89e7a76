import { CRON_JOB_TYPES } from '../../kubernetes';
import type { ResourceRule } from '../../model';
import { planOf } from '../../plan/facts';
import { copiesOf, medicalBackupJobOf, unplacedNote } from './copies';
import { describeLocation } from './runtime';

export const backupTwoLocalCopies: ResourceRule = {
  id: 'backup/two-local-copies',
  profile: 'platform',
  title: 'Every backup of a medical data store is written to two different local media',
  severity: 'high',
  rationale:
    'The operations plan keeps a local double copy of core data, so one failed disk array or a corrupted backup volume does not leave the site without a fast restore. ' +
    'Proved from what the job runs: the volume claim its backup step writes the set to, and each later container that copies that folder to another volume claim ' +
    'or to an object store of the same site. Two claims of one storage class, or one endpoint and bucket twice, are one medium; a copy to an emptyDir, to the ' +
    'container’s own filesystem or to /dev/null is no copy.',
  remediation:
    'Declare two entries under dataStores.<name>.backup.targets.local (local-a: a volume on the encrypted storage class, local-b: the site’s backup object store) ' +
    'so the backup CronJobs run a copy-local container after the backup container; keep its argument and RCLONE_CONFIG_LOCALB_* pointing at that store.',
  resourceTypes: CRON_JOB_TYPES,
  controls: { mlps: ['8.1.4.9'], hipaa: ['164.308(a)(7)(ii)(A)'], operationsPlan: 'ops-7.1' },
  planKeys: ['backup.localCopies', 'backup.sites', 'medicalRecordStores'],
  scope: 'resource',
  evaluate(resource, estate) {
    const judged = medicalBackupJobOf(resource, estate);
    if ('status' in judged) return judged;
    const { job, what } = judged;
    const required = planOf(estate).backup.localCopies;
    const analysis = copiesOf(job, estate);
    const written = analysis.local.map((copy) => `${describeLocation(copy.location)} (${copy.step.name})`);
    const notes = analysis.ignored.length > 0 ? `; not counted: ${analysis.ignored.join('; ')}` : '';
    const unplaced = unplacedNote(estate, resource.environment);
    if (analysis.local.length < required && unplaced) return { status: 'not-applicable', message: `${what}: ${unplaced}` };
    if (analysis.local.length < required) {
      return {
        status: 'fail',
        message: `${what} writes ${analysis.local.length} local medium(s)${written.length ? ` (${written.join(', ')})` : ''}; the plan asks for ${required} (plan: backup.localCopies = ${required})${notes}`,
        details: { localTargets: analysis.local.map((copy) => describeLocation(copy.location)) },
      };
    }
    return {
      status: 'pass',
      message: `${what} is written to ${written.join(' and ')}`,
      details: { localTargets: analysis.local.map((copy) => describeLocation(copy.location)) },
    };
  },
};
