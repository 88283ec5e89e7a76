import type { V1Deployment } from '@kubernetes/client-node';
import type { ClusterReader } from '../cluster';
import { TIER_LABEL } from '../../constructs/platform-labels';
import { type CheckResult, fail, guarded, pass } from '../result';

const CHECK = 'core-available';
export const CORE_SELECTOR = `${TIER_LABEL}=core`;

/**
 * Every 7×24 system (HIS registration and billing, EMR, LIS) is serving: each Deployment labelled core,
 * and each one the environment file declares core, exists and reports Available.
 */
export function checkCoreDeployments(cluster: ClusterReader, declared: readonly string[]): Promise<readonly CheckResult[]> {
  return guarded(CHECK, CORE_SELECTOR, async () => {
    const deployments = await cluster.listDeployments({ labelSelector: CORE_SELECTOR });
    const found = new Set(deployments.map(subjectOf));
    const missing = declared
      .filter((subject) => !found.has(subject))
      .map((subject) => fail(CHECK, subject, `declared core in the environment file, but no Deployment with ${CORE_SELECTOR} exists`));
    if (deployments.length === 0 && missing.length === 0) return [fail(CHECK, CORE_SELECTOR, 'no Deployment carries the core tier label')];
    return [...deployments.map(judgeDeployment), ...missing];
  });
}

const subjectOf = (deployment: V1Deployment): string => `${deployment.metadata?.namespace}/${deployment.metadata?.name}`;

function judgeDeployment(deployment: V1Deployment): CheckResult {
  const subject = subjectOf(deployment);
  const wanted = deployment.spec?.replicas ?? 1;
  const ready = deployment.status?.readyReplicas ?? 0;
  const available = deployment.status?.conditions?.find((condition) => condition.type === 'Available');
  const pods = `${ready}/${wanted} pods ready`;
  if (available?.status !== 'True') {
    const why = available ? `Available=${available.status} (${available.reason ?? 'no reason'}: ${available.message ?? ''})` : 'no Available condition';
    return fail(CHECK, subject, `${why}; ${pods}`);
  }
  return pass(CHECK, subject, pods);
}
