import { WORKLOAD_TYPES, type ContainerRef } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { get, strings } from '../../values';
import { checkContainers, type ContainerCheck, FAIL_CLOSED } from './container-check';
import { HARDENING_CONTROLS } from './controls';

/** The only capability the restricted Pod Security Standard lets a container add back. */
export const ALLOWED_ADDED_CAPABILITIES: readonly string[] = ['NET_BIND_SERVICE'];
const canonical = (capability: string): string => {
  const upper = capability.toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice('CAP_'.length) : upper;
};

/** The field a message names, built only for a message: nearly every container passes. */
const field = (ref: ContainerRef, name: 'drop' | 'add'): string => `${ref.path}.security_context[0].capabilities[0].${name}`;

const capabilitiesProblem: ContainerCheck = (ref) => {
  const drop = get(ref.container, 'security_context[0].capabilities[0].drop');
  const add = get(ref.container, 'security_context[0].capabilities[0].add');
  if (isUnknown(drop)) return `${field(ref, 'drop')} ${FAIL_CLOSED}`;
  if (isUnknown(add)) return `${field(ref, 'add')} ${FAIL_CLOSED}`;
  const dropped = strings(drop);
  if (dropped.some(isUnknown)) return `${field(ref, 'drop')} ${FAIL_CLOSED}`;
  // No entry is unknown any more: every one is a string.
  if (!(dropped as string[]).some((capability) => canonical(capability) === 'ALL')) {
    return `${field(ref, 'drop')} does not contain "ALL" (${dropped.length ? JSON.stringify(dropped) : 'unset'})`;
  }
  const added = strings(add);
  if (added.some(isUnknown)) return `${field(ref, 'add')} ${FAIL_CLOSED}`;
  const extra = (added as string[]).filter((capability) => !ALLOWED_ADDED_CAPABILITIES.includes(canonical(capability)));
  return extra.length ? `${field(ref, 'add')} adds ${JSON.stringify(extra)} (only NET_BIND_SERVICE is allowed)` : undefined;
};

export const dropAllCapabilities: ResourceRule = {
  id: 'workload/drop-all-capabilities',
  profile: 'generic',
  title: 'Containers drop all Linux capabilities',
  severity: 'high',
  rationale: 'Default container capabilities (NET_RAW, CHOWN, SETUID, …) enable spoofing and privilege tricks the clinical applications never need.',
  remediation: 'Set `security_context.capabilities.drop = ["ALL"]`; add back only `NET_BIND_SERVICE` if a port below 1024 is needed.',
  resourceTypes: WORKLOAD_TYPES,
  controls: HARDENING_CONTROLS,
  scope: 'resource',
  evaluate: (resource) => checkContainers(resource, capabilitiesProblem, { passMessage: 'all drop ALL capabilities' }),
};
