import { WORKLOAD_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { blocks, num } from '../../values';
import { checkContainers, type ContainerCheck, FAIL_CLOSED } from './container-check';

const hostPortProblem: ContainerCheck = (ref) => {
  if (isUnknown(ref.container.port)) return `${ref.path}.port ${FAIL_CLOSED}`;
  const failures = blocks(ref.container.port).flatMap((port, index) => {
    const path = `${ref.path}.port[${index}].host_port`;
    if (isUnknown(port.host_port)) return [`${path} ${FAIL_CLOSED}`];
    const hostPort = num(port.host_port);
    return hostPort ? [`${path} is ${hostPort}`] : [];
  });
  return failures.length ? failures.join(', ') : undefined;
};

export const noHostPort: ResourceRule = {
  id: 'workload/no-host-port',
  title: 'Containers bind no host ports',
  severity: 'high',
  rationale: 'A hostPort opens the port on the node’s address, outside Services and network policies, so segment isolation no longer holds.',
  remediation: 'Remove `port.host_port`; expose the container through a Service (and an ingress or gateway where needed).',
  resourceTypes: WORKLOAD_TYPES,
  controls: { mlps: ['8.1.3.1', '8.1.2.1'], hipaa: ['164.312(e)(1)'], operationsPlan: 'ops-2.1' },
  scope: 'resource',
  evaluate: (resource) => checkContainers(resource, hostPortProblem, { passMessage: 'no host ports' }),
};
