import { WORKLOAD_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { bool, num } from '../../values';
import { checkContainers, type ContainerCheck, effectiveSecurityContext, FAIL_CLOSED } from './container-check';
import { HARDENING_CONTROLS } from './controls';

const rootUserProblem: ContainerCheck = (ref, pod) => {
  const user = effectiveSecurityContext(ref, pod, 'run_as_user');
  if (isUnknown(user.value)) return `${user.path} ${FAIL_CLOSED}`;
  if (num(user.value) === 0) return `${user.path} is 0 (root)`;
  const nonRoot = effectiveSecurityContext(ref, pod, 'run_as_non_root');
  if (isUnknown(nonRoot.value)) return `${nonRoot.path} ${FAIL_CLOSED}`;
  if (bool(nonRoot.value) === true) return undefined;
  if ((num(user.value) ?? 0) > 0) return undefined;
  return `${nonRoot.path} is ${nonRoot.value === undefined ? 'unset' : JSON.stringify(nonRoot.value)} and no non-zero run_as_user is set`;
};

export const runAsNonRoot: ResourceRule = {
  id: 'workload/run-as-non-root',
  profile: 'generic',
  title: 'Containers run as a non-root user',
  severity: 'high',
  rationale: 'Root inside a container is root on the node after any container escape; the restricted Pod Security Standard requires non-root.',
  remediation: 'Set `security_context.run_as_non_root = true` on the pod (or every container) and do not set `run_as_user = 0`.',
  resourceTypes: WORKLOAD_TYPES,
  controls: HARDENING_CONTROLS,
  scope: 'resource',
  evaluate: (resource) => checkContainers(resource, rootUserProblem, { passMessage: 'all run as non-root' }),
};
