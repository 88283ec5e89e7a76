import { WORKLOAD_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { bool, get } from '../../values';
import { checkContainers, type ContainerCheck, FAIL_CLOSED } from './container-check';
import { HARDENING_CONTROLS } from './controls';

const privilegeEscalationProblem: ContainerCheck = (ref) => {
  const path = `${ref.path}.security_context[0].allow_privilege_escalation`;
  const value = get(ref.container, 'security_context[0].allow_privilege_escalation');
  if (isUnknown(value)) return `${path} ${FAIL_CLOSED}`;
  if (value === undefined) return `${path} is unset (Kubernetes defaults to true)`;
  return bool(value) === false ? undefined : `${path} is ${JSON.stringify(value)}`;
};

export const noPrivilegeEscalation: ResourceRule = {
  id: 'workload/no-privilege-escalation',
  title: 'Containers cannot escalate privileges',
  severity: 'high',
  rationale: 'Without `allowPrivilegeEscalation: false` a process can gain more privileges than its parent (setuid binaries), defeating the non-root baseline.',
  remediation: 'Set `security_context.allow_privilege_escalation = false` on every container and init container (Kubernetes defaults it to true).',
  resourceTypes: WORKLOAD_TYPES,
  controls: HARDENING_CONTROLS,
  scope: 'resource',
  evaluate: (resource) => checkContainers(resource, privilegeEscalationProblem, { passMessage: 'allow_privilege_escalation is false everywhere' }),
};
