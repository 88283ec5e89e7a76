import { WORKLOAD_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { bool, get } from '../../values';
import { checkContainers, type ContainerCheck, FAIL_CLOSED } from './container-check';
import { HARDENING_CONTROLS } from './controls';

const FIELD = 'security_context[0].privileged';

// The field's full path is built only for a message: nearly every container passes.
const privilegedProblem: ContainerCheck = (ref) => {
  const value = get(ref.container, FIELD);
  if (isUnknown(value)) return `${ref.path}.${FIELD} ${FAIL_CLOSED}`;
  return bool(value) === true ? `${ref.path}.${FIELD} is true` : undefined;
};

export const noPrivileged: ResourceRule = {
  id: 'workload/no-privileged',
  profile: 'generic',
  title: 'Containers do not run privileged',
  severity: 'critical',
  rationale:
    'A privileged container has every capability and the host devices: a compromise of one clinical application becomes a compromise of the node and of every medical record on it.',
  remediation: 'Remove `security_context.privileged = true` (or set it to false) on every container and init container.',
  resourceTypes: WORKLOAD_TYPES,
  controls: HARDENING_CONTROLS,
  scope: 'resource',
  evaluate: (resource) => checkContainers(resource, privilegedProblem, { passMessage: 'none is privileged' }),
};
