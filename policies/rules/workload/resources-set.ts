import { WORKLOAD_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { get, map } from '../../values';
import { checkContainers, type ContainerCheck, FAIL_CLOSED } from './container-check';

const missingResourcesProblem: ContainerCheck = (ref) => {
  const missing: string[] = [];
  const resources = get(ref.container, 'resources[0]');
  for (const kind of ['requests', 'limits'] as const) {
    const values = map(resources, kind);
    if (isUnknown(values)) return `${ref.path}.resources[0].${kind} ${FAIL_CLOSED}`;
    for (const key of ['cpu', 'memory']) {
      const value = values[key];
      // A value known only after apply is still declared: the rule asks that it is set.
      if (value === undefined || value === null || value === '') missing.push(`${kind}.${key}`);
    }
  }
  return missing.length ? `${ref.path}.resources[0] lacks ${missing.join(', ')}` : undefined;
};

export const resourcesSet: ResourceRule = {
  id: 'workload/resources-set',
  profile: 'generic',
  title: 'Containers declare CPU and memory requests and limits',
  severity: 'medium',
  rationale: 'Without requests the scheduler overcommits nodes; without limits one runaway process starves the clinical systems sharing the node.',
  remediation: 'Set `resources.requests` and `resources.limits` with both `cpu` and `memory` on every container and init container.',
  resourceTypes: WORKLOAD_TYPES,
  controls: { mlps: ['8.1.2.1', '8.1.10.6'], hipaa: ['164.308(a)(7)(ii)(E)'], operationsPlan: 'ops-4.2' },
  scope: 'resource',
  evaluate: (resource) => checkContainers(resource, missingResourcesProblem, { passMessage: 'CPU and memory requests and limits are set' }),
};
