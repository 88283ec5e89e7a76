/**
 * Shared shape of the per-container workload rules: judge every container (init containers included)
 * and report one result per workload naming each failing container's field.
 */
import { containersOf, podSpecOf, podTemplatePath, type ContainerRef, type PodSpecRef } from '../../kubernetes';
import type { Resource, RuleResult } from '../../model';
import { isUnknown } from '../../model';
import { get } from '../../values';

/**
 * A check returns undefined when the container complies, else the failure naming the field. Declare
 * checks at module level, not inside `evaluate`: they run for every container of every workload, and
 * V8 keeps a module-level function's optimized code across runs (see policies/README.md, Performance).
 */
export type ContainerCheck = (ref: ContainerRef, pod: PodSpecRef) => string | undefined;

export interface ContainerCheckOptions {
  /** What a passing container has, for the pass message: "no privileged containers". */
  readonly passMessage: string;
  /** Init containers are checked unless this is false (e.g. probes do not apply to them). */
  readonly includeInit?: boolean;
}

export const FAIL_CLOSED = 'is known only after apply; failing closed';

/** The pod spec when the workload has one; a fail-closed result when it is unknown; else not applicable. */
export function podSpecOrResult(resource: Resource): PodSpecRef | RuleResult {
  const pod = podSpecOf(resource);
  if (pod) return pod;
  const template = podTemplatePath(resource.type) ?? '';
  const path = template === '' ? 'spec' : `${template}.spec`;
  if (isUnknown(get(resource.values, path)) || isUnknown(get(resource.values, 'spec'))) {
    return { status: 'fail', message: `${path} ${FAIL_CLOSED}` };
  }
  return { status: 'not-applicable', message: 'the workload declares no pod spec' };
}

export function checkContainers(resource: Resource, check: ContainerCheck, options: ContainerCheckOptions): RuleResult {
  const pod = podSpecOrResult(resource);
  if ('status' in pod) return pod;
  if (isUnknown(pod.spec.container) || isUnknown(pod.spec.init_container)) {
    return { status: 'fail', message: `${pod.path}.container ${FAIL_CLOSED}` };
  }
  // A dozen rules check every container of every workload: read the cached list as is unless init
  // containers are left out, and build the failure list only when a container fails.
  const containers = containersOf(resource);
  const refs = options.includeInit === false ? containers.filter((ref) => !ref.init) : containers;
  if (refs.length === 0) return { status: 'not-applicable', message: 'no containers to check' };
  let failures: string[] | undefined;
  for (const ref of refs) {
    const failure = check(ref, pod);
    if (failure) (failures ??= []).push(`${ref.init ? 'init container' : 'container'} "${ref.name}": ${failure}`);
  }
  if (failures) return { status: 'fail', message: failures.join('; ') };
  return passResult(refs.length, options.passMessage);
}

// Nearly every workload passes a dozen checks with the same few results: share one result per (container
// count, message) instead of building it again for each workload and rule.
const passResults = new Map<string, RuleResult[]>();

function passResult(count: number, passMessage: string): RuleResult {
  let byCount = passResults.get(passMessage);
  // Stryker disable next-line ConditionalExpression,ArrayDeclaration: a cache; a fresh list on every call gives the same result, and slot 0 is never read (no containers → not applicable)
  if (!byCount) passResults.set(passMessage, (byCount = []));
  return (byCount[count] ??= { status: 'pass', message: `${count} container(s) checked: ${passMessage}` });
}

/**
 * A security-context setting as Kubernetes applies it: the container's own, else the pod's. `path` names
 * where it was read (or, when unset, where to set it) and is built only when a message needs it: these
 * are read for every container of every workload, and nearly all of them pass.
 */
export class EffectiveSetting {
  constructor(
    readonly value: unknown,
    private readonly owner: string,
    private readonly key: string,
  ) {}

  get path(): string {
    return `${this.owner}.security_context[0].${this.key}`;
  }
}

/** A container's `security_context[0].<key>`, falling back to the pod's security context (Kubernetes semantics). */
export function effectiveSecurityContext(ref: ContainerRef, pod: PodSpecRef, key: string): EffectiveSetting {
  // Two reads with constant paths rather than one with `security_context[0].${key}`: the same value, but
  // no path string to build and parse for every container of every workload.
  const own = get(get(ref.container, 'security_context[0]'), key);
  if (own !== undefined) return new EffectiveSetting(own, ref.path, key);
  const inherited = get(get(pod.spec, 'security_context[0]'), key);
  return new EffectiveSetting(inherited, inherited === undefined ? ref.path : pod.path, key);
}
