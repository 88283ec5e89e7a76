import { WORKLOAD_TYPES } from '../../kubernetes';
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

const capabilitiesProblem: ContainerCheck = (ref) => {
  const base = `${ref.path}.security_context[0].capabilities[0]`;
  const drop = get(ref.container, 'security_context[0].capabilities[0].drop');
  const add = get(ref.container, 'security_context[0].capabilities[0].add');
  if (isUnknown(drop)) return `${base}.drop ${FAIL_CLOSED}`;
  if (isUnknown(add)) return `${base}.add ${FAIL_CLOSED}`;
  const dropped = strings(drop);
  if (dropped.some(isUnknown)) return `${base}.drop ${FAIL_CLOSED}`;
  // No entry is unknown any more: every one is a string.
  if (!(dropped as string[]).some((capability) => canonical(capability) === 'ALL')) {
    return `${base}.drop does not contain "ALL" (${dropped.length ? JSON.stringify(dropped) : 'unset'})`;
  }
  const added = strings(add);
  if (added.some(isUnknown)) return `${base}.add ${FAIL_CLOSED}`;
  const extra = (added as string[]).filter((capability) => !ALLOWED_ADDED_CAPABILITIES.includes(canonical(capability)));
  return extra.length ? `${base}.add adds ${JSON.stringify(extra)} (only NET_BIND_SERVICE is allowed)` : undefined;
};

export const dropAllCapabilities: ResourceRule = {
  id: 'workload/drop-all-capabilities',
  title: 'Containers drop all Linux capabilities',
  severity: 'high',
  rationale: 'Default container capabilities (NET_RAW, CHOWN, SETUID, …) enable spoofing and privilege tricks the clinical applications never need.',
  remediation: 'Set `security_context.capabilities.drop = ["ALL"]`; add back only `NET_BIND_SERVICE` if a port below 1024 is needed.',
  resourceTypes: WORKLOAD_TYPES,
  controls: HARDENING_CONTROLS,
  scope: 'resource',
  evaluate: (resource) => checkContainers(resource, capabilitiesProblem, { passMessage: 'all drop ALL capabilities' }),
};
