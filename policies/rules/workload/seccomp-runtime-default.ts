import { WORKLOAD_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { checkContainers, type ContainerCheck, effectiveSecurityContext, FAIL_CLOSED } from './container-check';

/** Profiles the restricted Pod Security Standard accepts (typed `unknown` so any value can be looked up). */
const ACCEPTED_PROFILES: readonly unknown[] = ['RuntimeDefault', 'Localhost'];

const seccompProblem: ContainerCheck = (ref, pod) => {
  const profile = effectiveSecurityContext(ref, pod, 'seccomp_profile[0].type');
  if (isUnknown(profile.value)) return `${profile.path} ${FAIL_CLOSED}`;
  if (ACCEPTED_PROFILES.includes(profile.value)) return undefined;
  return `${profile.path} is ${profile.value === undefined ? 'unset' : JSON.stringify(profile.value)} (expected RuntimeDefault)`;
};

export const seccompRuntimeDefault: ResourceRule = {
  id: 'workload/seccomp-runtime-default',
  profile: 'generic',
  title: 'Containers run with the RuntimeDefault seccomp profile',
  severity: 'medium',
  rationale: 'Without a seccomp profile every system call is available to an attacker inside the container, including those used in kernel exploits.',
  remediation: 'Set `security_context.seccomp_profile.type = "RuntimeDefault"` on the pod (or on each container).',
  resourceTypes: WORKLOAD_TYPES,
  controls: { mlps: ['8.1.4.4', '8.1.4.5'], hipaa: ['164.308(a)(5)(ii)(B)'], operationsPlan: 'ops-4.1' },
  scope: 'resource',
  evaluate: (resource) => checkContainers(resource, seccompProblem, { passMessage: 'all use a RuntimeDefault/Localhost seccomp profile' }),
};
