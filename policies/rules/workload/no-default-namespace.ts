import { namespaceOf, WORKLOAD_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { get } from '../../values';
import { FAIL_CLOSED } from './container-check';

export const noDefaultNamespace: ResourceRule = {
  id: 'workload/no-default-namespace',
  title: 'Workloads do not run in the default namespace',
  severity: 'medium',
  rationale: 'The default namespace belongs to no segment: its pods escape the segment labels, network policies and quotas that isolate clinical systems.',
  remediation: 'Set `metadata.namespace` to the namespace of the workload’s segment (e.g. a namespace labelled `platform.hospital/segment: medical`).',
  resourceTypes: WORKLOAD_TYPES,
  controls: { mlps: ['8.1.2.1', '8.1.4.2'], hipaa: ['164.308(a)(4)(i)'], operationsPlan: 'ops-2.1' },
  scope: 'resource',
  evaluate(resource) {
    const namespace = namespaceOf(resource);
    if (isUnknown(namespace)) return { status: 'fail', message: `metadata[0].namespace ${FAIL_CLOSED}` };
    if (namespace === 'default') {
      const set = get(resource.values, 'metadata[0].namespace') !== undefined;
      return { status: 'fail', message: set ? 'metadata[0].namespace is "default"' : 'metadata[0].namespace is unset (the workload lands in "default")' };
    }
    return { status: 'pass', message: `runs in namespace "${String(namespace)}"` };
  },
};
