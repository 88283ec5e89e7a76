import { WORKLOAD_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { blocks, num } from '../../values';
import { checkContainers, type ContainerCheck, FAIL_CLOSED } from './container-check';

const hostPortProblem: ContainerCheck = (ref) => {
  if (isUnknown(ref.container.port)) return `${ref.path}.port ${FAIL_CLOSED}`;
  // The failure list and the fields' paths are built only for a container that fails: nearly all pass.
  let failures: string[] | undefined;
  const ports = blocks(ref.container.port);
  for (let index = 0; index < ports.length; index++) {
    const hostPort = ports[index]!.host_port;
    if (isUnknown(hostPort)) (failures ??= []).push(`${ref.path}.port[${index}].host_port ${FAIL_CLOSED}`);
    else if (num(hostPort)) (failures ??= []).push(`${ref.path}.port[${index}].host_port is ${num(hostPort)}`);
  }
  return failures?.join(', ');
};

export const noHostPort: ResourceRule = {
  id: 'workload/no-host-port',
  profile: 'generic',
  title: 'Containers bind no host ports',
  severity: 'high',
  rationale: 'A hostPort opens the port on the node’s address, outside Services and network policies, so segment isolation no longer holds.',
  remediation: 'Remove `port.host_port`; expose the container through a Service (and an ingress or gateway where needed).',
  resourceTypes: WORKLOAD_TYPES,
  controls: { mlps: ['8.1.3.1', '8.1.2.1'], hipaa: ['164.312(e)(1)'], operationsPlan: 'ops-2.1' },
  scope: 'resource',
  evaluate: (resource) => checkContainers(resource, hostPortProblem, { passMessage: 'no host ports' }),
};
