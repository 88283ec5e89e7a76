import { isCanary } from '../../kubernetes';
import { LABELS } from '../../labels';
import type { Estate, Resource, RuleResult } from '../../model';
import { coreness, isPlannedWorkload } from '../../plan/facts';
import { FAIL_CLOSED } from '../workload/container-check';

/**
 * The result an availability rule returns for a workload it does not judge, or undefined when it judges
 * it: core systems only (the plan names them; a label may add one, never remove one), failing closed on
 * a tier label known only after apply. With `canaryReason`, the canary track of a gray release is left
 * to its stable Deployment, unless the plan names the canary itself.
 */
export function outsideCoreScope(resource: Resource, estate: Estate, canaryReason?: string): RuleResult | undefined {
  const core = coreness(resource, estate);
  if (core === 'unknown') return { status: 'fail', message: `label ${LABELS.tier} ${FAIL_CLOSED}` };
  if (core === 'not-core') return { status: 'not-applicable', message: 'not a core workload' };
  if (canaryReason !== undefined && isCanary(resource) && !isPlannedWorkload(resource, estate))
    return { status: 'not-applicable', message: `canary track of a gray release${canaryReason ? `: ${canaryReason}` : ''}` };
  return undefined;
}
