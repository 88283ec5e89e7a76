import { LONG_RUNNING_TYPES, WORKLOAD_TYPES } from '../../kubernetes';
import type { ResourceRule } from '../../model';
import { firstBlock, type Values } from '../../values';
import { checkContainers, type ContainerCheck } from './container-check';

const PROBES = ['liveness_probe', 'readiness_probe'] as const;

/** A probe known only after apply is declared all the same; an empty block list is not. */
const declares = (container: Values, probe: (typeof PROBES)[number]): boolean =>
  container[probe] !== undefined && !(Array.isArray(container[probe]) && firstBlock(container[probe]) === undefined);

const missingProbesProblem: ContainerCheck = (ref) => {
  // Both probes are nearly always declared: answer that without building a list.
  if (declares(ref.container, PROBES[0]) && declares(ref.container, PROBES[1])) return undefined;
  const missing = PROBES.filter((probe) => !declares(ref.container, probe));
  return `${missing.map((probe) => `${ref.path}.${probe}`).join(' and ')} missing`;
};

export const probesSet: ResourceRule = {
  id: 'workload/probes-set',
  profile: 'generic',
  title: 'Long-running containers have liveness and readiness probes',
  severity: 'medium',
  rationale: 'Without probes Kubernetes neither restarts a hung clinical application nor keeps traffic away from an instance that is not ready.',
  remediation:
    'Add `liveness_probe` and `readiness_probe` (HTTP, TCP, gRPC or exec) to every container of Deployments, StatefulSets, DaemonSets, ReplicationControllers and Pods.',
  resourceTypes: WORKLOAD_TYPES,
  controls: { mlps: ['8.1.10.6', '8.1.4.9'], hipaa: ['164.308(a)(7)(ii)(C)'], operationsPlan: 'ops-4.3' },
  scope: 'resource',
  evaluate(resource) {
    if (!LONG_RUNNING_TYPES.includes(resource.type)) {
      return { status: 'not-applicable', message: `${resource.type} runs to completion; probes do not apply` };
    }
    return checkContainers(
      resource,
      missingProbesProblem,
      // Kubernetes rejects probes on init containers.
      { passMessage: 'liveness and readiness probes are set', includeInit: false },
    );
  },
};
