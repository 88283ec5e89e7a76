import { containersOf, DEPLOYMENT_TYPES, isCanary, LONG_RUNNING_TYPES, objectName } from '../../kubernetes';
import { isUnknown, type Estate, type EstateRule, type Resource } from '../../model';
import { policyOptions } from '../../options';
import { get, str } from '../../values';
import { FAIL_CLOSED } from '../workload/container-check';

/** Where each environment's canaries must have run first. dr follows prod, and prod follows staging. */
export const DEFAULT_PROMOTED_FROM: Readonly<Record<string, string>> = { prod: 'staging', dr: 'staging' };

type EstateResult = ReturnType<EstateRule['evaluate']>[number];

const DIGEST = /@(sha256:[a-f0-9]{64})$/;

/** Image digest → the first workload of the environment running it (containers and init containers). */
function digestsRunningIn(estate: Estate, environment: string): Map<string, Resource> {
  const running = new Map<string, Resource>();
  for (const workload of LONG_RUNNING_TYPES.flatMap((type) => estate.byType(type, environment))) {
    for (const { container } of containersOf(workload)) {
      const digest = str(get(container, 'image'))?.match(DIGEST)?.[1];
      if (digest && !running.has(digest)) running.set(digest, workload);
    }
  }
  return running;
}

export const canaryPromotedThroughStaging: EstateRule = {
  id: 'delivery/canary-promoted-through-staging',
  profile: 'platform',
  title: 'A production canary runs an image already deployed in staging',
  severity: 'high',
  rationale:
    'The operations plan releases patches test → gray → full. A canary in production is the gray step: it must carry exactly an image (by digest) ' +
    'that the staging environment already runs, so no untested build ever reaches patients, not even on a tenth of the pods.',
  remediation:
    "Deploy the image to staging first (set the system's `image` in environments/staging.yaml, merge, let the deploy workflow roll it out), then declare " +
    'the canary in the production environment file with the same digest (docs/gitops.md, Gray release).',
  resourceTypes: DEPLOYMENT_TYPES,
  controls: { mlps: ['8.1.10.10'], hipaa: ['164.308(a)(1)(ii)(B)'], operationsPlan: 'ops-9.4' },
  scope: 'estate',
  evaluate(estate) {
    const promotedFrom = policyOptions(estate).promotedFrom ?? DEFAULT_PROMOTED_FROM;
    const results: EstateResult[] = [];
    for (const [target, source] of Object.entries(promotedFrom)) {
      const canaries = DEPLOYMENT_TYPES.flatMap((type) => estate.byType(type, target)).filter(isCanary);
      // Stryker disable next-line ConditionalExpression: a shortcut only; without canaries the loops below add no result either
      if (canaries.length === 0) continue;
      if (!estate.environments.includes(source)) {
        for (const canary of canaries) {
          results.push({
            status: 'not-applicable',
            resource: canary.address,
            environment: target,
            file: canary.file,
            message: `${source} is not part of this check; check both together (npm run synth checks every environment) to prove the promotion`,
          });
        }
        continue;
      }
      const running = digestsRunningIn(estate, source);
      for (const canary of canaries) {
        const subject = { resource: canary.address, environment: target, file: canary.file };
        const name = objectName(canary) ?? canary.name;
        for (const { container, path, init } of containersOf(canary)) {
          if (init) continue; // init containers are shared with the stable track, not the subject of the release
          const image = get(container, 'image');
          if (isUnknown(image)) {
            results.push({ ...subject, status: 'fail', message: `${path}.image ${FAIL_CLOSED}` });
            continue;
          }
          const digest = str(image)?.match(DIGEST)?.[1];
          if (!digest) {
            results.push({
              ...subject,
              status: 'fail',
              message: `canary ${name}: ${path}.image ${JSON.stringify(image)} is not pinned by digest, so its promotion through ${source} cannot be proven`,
            });
            continue;
          }
          const seen = running.get(digest);
          results.push(
            seen
              ? {
                  ...subject,
                  status: 'pass',
                  message: `canary ${name}: ${digest} already runs in ${source} (${seen.address})`,
                  details: { digest, promotedFrom: source, seenIn: seen.address },
                }
              : {
                  ...subject,
                  status: 'fail',
                  message: `canary ${name}: ${path}.image ${str(image)} is not deployed in ${source}; deploy it there first`,
                  details: { digest, promotedFrom: source },
                },
          );
        }
      }
    }
    return results;
  },
};
