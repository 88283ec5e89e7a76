/**
 * Where one backup job's set really lands: the medium its backup step writes, and every copy a later
 * container makes of that folder, each classified by where it lands — a volume claim or an object store
 * of the environment's own site (a local copy), or an object store of another site (an off-site copy),
 * by the plan's `backup.sites`. Copies that do not count say why (before the backup, of another folder,
 * to a scratch volume, to an endpoint of no known site, …). Shared by the local-copy, off-site, drill and
 * report code.
 */
import type { Estate, Resource } from '../../model';
import { policyOptions, isProductionEnvironment } from '../../options';
import { planOf } from '../../plan/facts';
import { backupJobOf, dataStoresOf, type BackupJob } from './facts';
import { contains, describeLocation, type EngineBackup, type Location, type Step } from './runtime';
import { siteOfEnvironment, siteOfHost, type Site } from './sites';

export interface Written {
  readonly location: Location;
  readonly step: Step;
  /** The medium it counts as: `storage class <name>` for a claim of a known class, else the claim or bucket. */
  readonly medium: string;
}

export interface OffsiteCopy extends Written {
  readonly location: Extract<Location, { kind: 'object-store' }>;
  readonly site: Site;
}

export interface CopyAnalysis {
  readonly engine?: EngineBackup;
  /** The environment's site, when the plan places it. */
  readonly site?: Site;
  /** Distinct local media written, the backup's own output first. */
  readonly local: readonly Written[];
  readonly offsite: readonly OffsiteCopy[];
  /** Why a write does not count: `copy-local: writes an emptyDir, deleted with the pod`. */
  readonly ignored: readonly string[];
}

const analyses = new WeakMap<BackupJob, CopyAnalysis>();

/** The media one backup job writes (memoized per job). */
export function copiesOf(job: BackupJob, estate: Estate): CopyAnalysis {
  let analysis = analyses.get(job);
  if (!analysis) analyses.set(job, (analysis = analyse(job, estate)));
  return analysis;
}

function mediumOf(location: Location): string | undefined {
  if (location.kind === 'volume') return location.storageClass ? `storage class ${location.storageClass}` : location.medium;
  return location.kind === 'object-store' ? location.medium : undefined;
}

function analyse(job: BackupJob, estate: Estate): CopyAnalysis {
  const plan = planOf(estate);
  const site = siteOfEnvironment(plan, job.resource.environment);
  const engine = job.run.backups[0];
  const local: Written[] = [];
  const offsite: OffsiteCopy[] = [];
  const ignored: string[] = [];
  if (!engine)
    return {
      ...(site ? { site } : {}),
      local,
      offsite,
      ignored: [`it runs no backup step (containers: ${job.run.steps.map((step) => step.name).join(', ') || 'none'})`],
    };
  const addLocal = (location: Location, step: Step, note: string): void => {
    const medium = mediumOf(location)!;
    const same = local.find((written) => written.medium === medium);
    if (same) ignored.push(`${step.name}: ${note} ${describeLocation(location)}, the same medium as ${describeLocation(same.location)} (${medium})`);
    else local.push({ location, step, medium });
  };
  const output = engine.output;
  if (output.kind === 'volume' || output.kind === 'object-store') addLocal(output, engine.step, 'writes');
  else ignored.push(`${engine.step.name}: writes the set to ${describeLocation(output)}`);
  for (const push of job.run.pushes) {
    const { step } = push;
    if (step.order <= engine.step.order) {
      ignored.push(
        `${step.name}: runs ${step.order === engine.step.order ? 'beside' : 'before'} the backup step ${engine.step.name}, so it cannot copy this set`,
      );
      continue;
    }
    if (!(output.kind === 'volume' || output.kind === 'object-store') || !contains(push.from, output)) {
      ignored.push(`${step.name}: copies ${describeLocation(push.from)}, not the folder the backup writes (${describeLocation(output)})`);
      continue;
    }
    const to = push.to;
    if (to.kind === 'volume') {
      addLocal(to, step, 'copies to');
    } else if (to.kind === 'object-store') {
      const at = siteOfHost(plan, to.hostname);
      if (!at)
        ignored.push(`${step.name}: copies to ${describeLocation(to)}, an endpoint at no site of the plan (backup.sites lists each site's object stores)`);
      else if (!site)
        ignored.push(
          `${step.name}: copies to ${describeLocation(to)} at site ${at.key}, but the plan places environment ${job.resource.environment} at no site (backup.sites), so local and off site cannot be told apart`,
        );
      else if (at.key === site.key) addLocal(to, step, 'copies to');
      else if (!offsite.some((copy) => copy.medium === to.medium)) offsite.push({ location: to, step, medium: to.medium, site: at });
    } else {
      ignored.push(`${step.name}: copies to ${describeLocation(to)}`);
    }
  }
  return { engine, ...(site ? { site } : {}), local, offsite, ignored };
}

/** Whether the store a backup job serves holds medical records (the store it runs for, else its labels). */
export function jobIsMedical(job: BackupJob, estate: Estate): boolean {
  const store = dataStoresOf(estate, job.resource.environment).find((candidate) => candidate.jobs.includes(job) || candidate.claims.includes(job));
  return store?.medical ?? job.medical;
}

/**
 * Why local and off-site copies of an environment cannot be judged, when the plan places it at no site
 * (`backup.sites`) and it is no production environment: undefined otherwise. A production environment
 * the plan does not place fails instead (its copies cannot be proved local or off site).
 */
export function unplacedNote(estate: Estate, environment: string): string | undefined {
  const options = policyOptions(estate);
  if (siteOfEnvironment(options.plan, environment) || isProductionEnvironment(estate, environment)) return undefined;
  return `the plan places environment ${environment} at no site (backup.sites), so its local and off-site copies cannot be told apart; add it to policies/plan.yaml to have them judged`;
}

/**
 * The full or incremental backup job of a medical data store a copy rule judges, with its description
 * (`full backup of his-db`), or the not-applicable result for any other CronJob.
 */
export function medicalBackupJobOf(
  resource: Resource,
  estate: Estate,
): { readonly job: BackupJob; readonly what: string } | { readonly status: 'not-applicable'; readonly message: string } {
  const job = backupJobOf(resource, estate);
  const backup =
    job && (job.kind === 'full' || job.kind === 'incremental' || (job.kind === undefined && (job.labelKind === 'full' || job.labelKind === 'incremental')));
  if (!job || !backup) return { status: 'not-applicable', message: 'not a full or incremental backup CronJob' };
  if (!jobIsMedical(job, estate)) return { status: 'not-applicable', message: `data store ${job.dataStore} holds no medical records` };
  return { job, what: `${job.kind ?? job.labelKind} backup of ${job.dataStore}` };
}
