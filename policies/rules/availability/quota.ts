/**
 * Whether a namespace's ResourceQuota admits the pods a workload needs: the quota admission plugin
 * rejects every pod beyond `hard.pods` (or the cpu/memory sums), so an HPA maximum, or a replica count,
 * above what the quota leaves is never reached, however the autoscaler is configured.
 */
import { DAEMON_SET_TYPES, LONG_RUNNING_TYPES, containersOf, namespaceOf, objectName } from '../../kubernetes';
import { isUnknown, type Estate, type Resource } from '../../model';
import { blocks, get, isObject, map, strings } from '../../values';
import { FAIL_CLOSED } from '../workload/container-check';
import { parseQuantity } from './quantity';
import { podCount } from './scaling';

export const RESOURCE_QUOTA_TYPES = ['kubernetes_resource_quota', 'kubernetes_resource_quota_v1'];
const LIMIT_RANGE_TYPES = ['kubernetes_limit_range', 'kubernetes_limit_range_v1'];

/** Quota keys and the per-pod amount they sum (`pods` counts one per pod). */
const QUOTA_KEYS: readonly { readonly keys: readonly string[]; readonly field?: 'requests' | 'limits'; readonly resource?: string; readonly unit: string }[] = [
  { keys: ['pods', 'count/pods'], unit: 'pods' },
  { keys: ['requests.cpu', 'cpu'], field: 'requests', resource: 'cpu', unit: 'CPU' },
  { keys: ['requests.memory', 'memory'], field: 'requests', resource: 'memory', unit: 'bytes of memory' },
  { keys: ['limits.cpu'], field: 'limits', resource: 'cpu', unit: 'CPU' },
  { keys: ['limits.memory'], field: 'limits', resource: 'memory', unit: 'bytes of memory' },
];

/** Scopes under which a quota does not count the pods of a Deployment or StatefulSet. */
const SCOPES_NOT_COUNTING_SERVICES = new Set(['Terminating', 'BestEffort', 'PriorityClass', 'CrossNamespacePodAffinity']);

function quotasOf(estate: Estate, environment: string, namespace: unknown): Resource[] {
  return RESOURCE_QUOTA_TYPES.flatMap((type) => estate.byType(type, environment)).filter((quota) => namespaceOf(quota) === namespace);
}

/** The namespace's LimitRange default for a container's request (or limit) of a resource. */
function limitRangeDefault(estate: Estate, environment: string, namespace: unknown, field: 'requests' | 'limits', resource: string): number | undefined {
  const key = field === 'requests' ? 'default_request' : 'default';
  for (const range of LIMIT_RANGE_TYPES.flatMap((type) => estate.byType(type, environment))) {
    if (namespaceOf(range) !== namespace) continue;
    for (const limit of blocks(get(range.values, 'spec[0].limit'))) {
      if (limit.type !== 'Container') continue;
      const value = parseQuantity(get(map(limit, key), resource));
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/** One pod's request (or limit) of a resource, with the namespace's LimitRange filling containers that set none. */
function perPod(estate: Estate, workload: Resource, field: 'requests' | 'limits', resource: string): number | undefined {
  let sum = 0;
  for (const ref of containersOf(workload)) {
    if (ref.init) continue;
    const own =
      parseQuantity(get(ref.container, `resources[0].${field}.${resource}`)) ??
      (field === 'requests' ? parseQuantity(get(ref.container, `resources[0].limits.${resource}`)) : undefined);
    const amount = own ?? limitRangeDefault(estate, workload.environment, namespaceOf(workload), field, resource);
    if (amount === undefined) return undefined;
    sum += amount;
  }
  return sum;
}

const show = (amount: number, unit: string): string =>
  unit === 'CPU' ? `${Math.round(amount * 1000) / 1000} CPU` : unit === 'pods' ? `${amount} pods` : `${Math.round(amount / 2 ** 20)}Mi`;

/**
 * Why the namespace's quotas cannot admit `pods` pods of `workload` while every other long-running
 * workload of the namespace runs at its own maximum, or [] when they can.
 */
export function quotaProblems(estate: Estate, workload: Resource, pods: number, what: string): string[] {
  const namespace = namespaceOf(workload);
  const quotas = quotasOf(estate, workload.environment, namespace);
  if (quotas.length === 0) return [];
  const others = LONG_RUNNING_TYPES.filter((type) => !DAEMON_SET_TYPES.includes(type))
    .flatMap((type) => estate.byType(type, workload.environment))
    .filter((other) => other !== workload && namespaceOf(other) === namespace);
  const problems: string[] = [];
  for (const quota of quotas) {
    const scopes = get(quota.values, 'spec[0].scopes');
    if (isUnknown(scopes)) {
      problems.push(`${quota.address} spec[0].scopes ${FAIL_CLOSED}`);
      continue;
    }
    if (
      strings(scopes).some((scope) => typeof scope === 'string' && SCOPES_NOT_COUNTING_SERVICES.has(scope)) ||
      get(quota.values, 'spec[0].scope_selector') !== undefined
    )
      continue;
    const hard = map(quota.values, 'spec[0].hard');
    if (isUnknown(hard) || !isObject(hard)) {
      problems.push(`${quota.address} spec[0].hard ${FAIL_CLOSED}`);
      continue;
    }
    for (const { keys, field, resource, unit } of QUOTA_KEYS) {
      const key = keys.find((candidate) => hard[candidate] !== undefined);
      if (key === undefined) continue;
      if (isUnknown(hard[key])) {
        problems.push(`${quota.address} spec[0].hard["${key}"] ${FAIL_CLOSED}`);
        continue;
      }
      const allowed = parseQuantity(hard[key]);
      if (allowed === undefined) continue;
      const amountOf = (subject: Resource): number | undefined => (field && resource ? perPod(estate, subject, field, resource) : 1);
      const own = amountOf(workload);
      if (own === undefined) {
        problems.push(
          `${quota.address} limits ${key}, but a container of ${workload.address} sets no ${field}.${resource} and no LimitRange gives a default: the quota admits none of its pods`,
        );
        continue;
      }
      let othersAmount = 0;
      const contributors: string[] = [];
      for (const other of others) {
        const count = podCount(other, estate).max ?? 1;
        const amount = (amountOf(other) ?? 0) * count;
        if (amount > 0) contributors.push(objectName(other) ?? other.name);
        othersAmount += amount;
      }
      const needed = own * pods + othersAmount;
      if (needed > allowed + 1e-9) {
        problems.push(
          `${quota.address} spec[0].hard["${key}"] is ${String(hard[key])}, but ${what} needs ${show(own * pods, unit)}` +
            (othersAmount > 0 ? ` besides ${show(othersAmount, unit)} of the namespace's other workloads at their maximum (${contributors.join(', ')})` : '') +
            ': the quota rejects the pods beyond it',
        );
      }
    }
  }
  return problems;
}
