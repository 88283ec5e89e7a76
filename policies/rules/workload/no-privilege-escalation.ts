import { WORKLOAD_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { bool, get } from '../../values';
import { checkContainers, type ContainerCheck, FAIL_CLOSED } from './container-check';
import { HARDENING_CONTROLS } from './controls';

const FIELD = 'security_context[0].allow_privilege_escalation';

// The field's full path is built only for a message: nearly every container passes.
const privilegeEscalationProblem: ContainerCheck = (ref) => {
  const value = get(ref.container, FIELD);
  if (isUnknown(value)) return `${ref.path}.${FIELD} ${FAIL_CLOSED}`;
  if (value === undefined) return `${ref.path}.${FIELD} is unset (Kubernetes defaults to true)`;
  return bool(value) === false ? undefined : `${ref.path}.${FIELD} is ${JSON.stringify(value)}`;
};

export const noPrivilegeEscalation: ResourceRule = {
  id: 'workload/no-privilege-escalation',
  profile: 'generic',
  title: 'Containers cannot escalate privileges',
  severity: 'high',
  rationale: 'Without `allowPrivilegeEscalation: false` a process can gain more privileges than its parent (setuid binaries), defeating the non-root baseline.',
  remediation: 'Set `security_context.allow_privilege_escalation = false` on every container and init container (Kubernetes defaults it to true).',
  resourceTypes: WORKLOAD_TYPES,
  controls: HARDENING_CONTROLS,
  scope: 'resource',
  evaluate: (resource) => checkContainers(resource, privilegeEscalationProblem, { passMessage: 'allow_privilege_escalation is false everywhere' }),
};
