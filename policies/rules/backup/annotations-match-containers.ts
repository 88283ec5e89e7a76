import { CRON_JOB_TYPES } from '../../kubernetes';
import type { Estate, ResourceRule } from '../../model';
import { planOf } from '../../plan/facts';
import { copiesOf } from './copies';
import { annotation, annotationList, BACKUP_ANNOTATIONS, backupJobOf, type BackupJob } from './facts';
import { describeLocation, type Location } from './runtime';
import { siteOfEnvironment } from './sites';

/** How an annotation names a location: a claim without its folder, an object store with its prefix. */
function annotated(location: Location): string {
  return location.kind === 'volume' ? location.medium : describeLocation(location);
}

const field = (key: string): string => `metadata[0].annotations["${key}"]`;

/** Each annotation of the job that says something its containers do not do. */
function mismatches(job: BackupJob, estate: Estate): string[] {
  const found: string[] = [];
  const { annotations, run } = job;
  const says = (key: string): string | undefined => annotation(annotations, key);
  if (job.labelKind && job.kind && job.labelKind !== job.kind)
    found.push(
      `label platform.hospital/backup says ${job.labelKind}, the containers run ${job.kind === 'archive' || job.kind === 'restore-drill' ? `a ${job.kind}` : `a ${job.kind} backup`}`,
    );
  if (job.labelStore && job.store && job.labelStore !== job.store.name)
    found.push(`label platform.hospital/data-store says ${job.labelStore}, the backup connects to ${job.store.key}`);
  if (job.kind === 'full' || job.kind === 'incremental') {
    const copies = copiesOf(job, estate);
    const local = annotationList(annotations, BACKUP_ANNOTATIONS.localTargets);
    const written = copies.local.map((copy) => annotated(copy.location));
    if (local.length > 0 && [...local].sort().join(',') !== [...written].sort().join(',')) {
      found.push(`${field(BACKUP_ANNOTATIONS.localTargets)} lists ${local.join(', ')}; the containers write ${written.join(', ') || 'no local medium'}`);
    }
    const offsite = says(BACKUP_ANNOTATIONS.offsiteTarget);
    const copied = copies.offsite.map((copy) => describeLocation(copy.location));
    if (offsite && !copied.includes(offsite))
      found.push(`${field(BACKUP_ANNOTATIONS.offsiteTarget)} says ${offsite}; the containers copy off site to ${copied.join(', ') || 'nowhere'}`);
    const site = says(BACKUP_ANNOTATIONS.offsiteSite);
    const plan = planOf(estate);
    if (site && copies.offsite.length > 0 && !copies.offsite.some((copy) => copy.site.environments.includes(site))) {
      found.push(
        `${field(BACKUP_ANNOTATIONS.offsiteSite)} says ${site} (site ${siteOfEnvironment(plan, site)?.key ?? 'unknown to the plan'}); the off-site copy lands at site ${copies.offsite.map((copy) => copy.site.key).join(', ')}`,
      );
    }
  }
  if (job.kind === 'archive') {
    const years = says(BACKUP_ANNOTATIONS.retentionYears);
    const demanded = run.lockChecks.map((check) => check.years).filter((value): value is number => value !== undefined);
    if (years && demanded.length > 0 && demanded.some((value) => String(value) !== years))
      found.push(`${field(BACKUP_ANNOTATIONS.retentionYears)} says ${years}; the lock checks demand ${demanded.join(', ')} (env RETENTION_YEARS)`);
    const lock = says(BACKUP_ANNOTATIONS.objectLock);
    const modes = run.lockChecks.map((check) => check.mode).filter((value): value is string => value !== undefined);
    if (lock && modes.some((mode) => mode !== lock))
      found.push(`${field(BACKUP_ANNOTATIONS.objectLock)} says ${lock}; the lock checks demand ${modes.join(', ')} (env OBJECT_LOCK_MODE)`);
    const target = says(BACKUP_ANNOTATIONS.archiveTarget);
    const archivedTo = run.pushes.map((push) => describeLocation(push.to));
    if (target && !archivedTo.includes(target))
      found.push(`${field(BACKUP_ANNOTATIONS.archiveTarget)} says ${target}; the containers archive to ${archivedTo.join(', ') || 'nowhere'}`);
  }
  if (job.kind === 'restore-drill') {
    const source = says(BACKUP_ANNOTATIONS.drillSource);
    const fetched = run.pulls.map((pull) => describeLocation(pull.from));
    if (source && !fetched.includes(source))
      found.push(`${field(BACKUP_ANNOTATIONS.drillSource)} says ${source}; the drill fetches ${fetched.join(', ') || 'nothing'}`);
  }
  return found;
}

export const backupAnnotationsMatchContainers: ResourceRule = {
  id: 'backup/annotations-match-containers',
  profile: 'platform',
  title: 'Backup CronJob labels and annotations say what the containers do',
  severity: 'low',
  rationale:
    'The backup rules prove copies, off-site targets, archive retention and drills from what the containers run; the annotations the backup construct writes ' +
    '(local targets, off-site target and site, archive target, object lock, retention years, drill source) and the backup labels are documentation that people, ' +
    'dashboards and the backup tooling read. Where they disagree with the containers someone edited one without the other: the documentation misleads, and ' +
    'the change deserves a look even when the containers still meet the plan.',
  remediation:
    'Change the backup through environments/<env>.yaml (dataStores.<name>.backup), which writes containers and annotations together; do not edit one of them in ' +
    'the synthesized Terraform.',
  resourceTypes: CRON_JOB_TYPES,
  controls: { mlps: ['8.1.10.11'], hipaa: ['164.308(a)(7)(ii)(A)'], operationsPlan: 'ops-7.1' },
  scope: 'resource',
  evaluate(resource, estate) {
    const job = backupJobOf(resource, estate);
    if (!job) return { status: 'not-applicable', message: 'not a backup, archive or restore-drill CronJob' };
    if (Object.keys(job.annotations).length === 0 && !job.labelKind && !job.labelStore)
      return { status: 'not-applicable', message: `${resource.address} carries no backup labels or annotations` };
    const found = mismatches(job, estate);
    return found.length > 0
      ? { status: 'fail', message: `${resource.address}: ${found.join('; ')}` }
      : { status: 'pass', message: `the backup labels and annotations of ${resource.address} agree with what its containers do` };
  },
};
