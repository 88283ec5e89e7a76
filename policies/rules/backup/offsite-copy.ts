import { CRON_JOB_TYPES } from '../../kubernetes';
import type { ResourceRule } from '../../model';
import { planOf } from '../../plan/facts';
import { copiesOf, medicalBackupJobOf, unplacedNote } from './copies';
import { describeLocation } from './runtime';

export const backupOffsiteCopy: ResourceRule = {
  id: 'backup/offsite-copy',
  profile: 'platform',
  title: 'Every backup of a medical data store is copied off site',
  severity: 'high',
  rationale:
    'Local copies share the building’s fate (fire, flood, ransomware on the site network). The operations plan keeps an off-site disaster-recovery copy of core data: ' +
    'each full and incremental backup job ends by copying its set to the other data centre. Proved from what the job runs: a container after the backup step copies ' +
    'the backup folder to an object store whose endpoint the plan places at another site (backup.sites); an endpoint of the same site, or one the plan does not know, ' +
    'is not off site whatever the annotations say.',
  remediation:
    'Declare dataStores.<name>.backup.targets.offsite with the other site’s object store (endpoint and bucket) so the backup CronJobs run an offsite-copy container ' +
    'after the backup container; an object store not yet listed under backup.sites in policies/plan.yaml is added there by a reviewed change.',
  resourceTypes: CRON_JOB_TYPES,
  controls: { mlps: ['8.1.4.9'], hipaa: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)'], operationsPlan: 'ops-7.2' },
  planKeys: ['backup.offsiteCopies', 'backup.sites', 'medicalRecordStores'],
  scope: 'resource',
  evaluate(resource, estate) {
    const judged = medicalBackupJobOf(resource, estate);
    if ('status' in judged) return judged;
    const { job, what } = judged;
    const required = planOf(estate).backup.offsiteCopies;
    const analysis = copiesOf(job, estate);
    const offsite = analysis.offsite.map((copy) => `${describeLocation(copy.location)} (site ${copy.site.key}, by ${copy.step.path})`);
    const unplaced = unplacedNote(estate, resource.environment);
    if (analysis.offsite.length < required && unplaced) return { status: 'not-applicable', message: `${what}: ${unplaced}` };
    if (analysis.offsite.length < required) {
      const own = analysis.local.map((copy) => `${describeLocation(copy.location)} (${copy.step.name})`);
      const where = own.length > 0 ? `; it writes only at its own site${analysis.site ? ` ${analysis.site.key}` : ''}: ${own.join(', ')}` : '';
      const notes = analysis.ignored.length > 0 ? `; not counted: ${analysis.ignored.join('; ')}` : '';
      return {
        status: 'fail',
        message: `${what} is copied to ${analysis.offsite.length} object store(s) of another site; the plan asks for ${required} (plan: backup.offsiteCopies = ${required}, backup.sites)${where}${notes}`,
      };
    }
    return {
      status: 'pass',
      message: `${what} is copied off site to ${offsite.join(' and ')}`,
      details: { offsiteTarget: describeLocation(analysis.offsite[0]!.location), offsiteSite: analysis.offsite[0]!.site.key },
    };
  },
};
