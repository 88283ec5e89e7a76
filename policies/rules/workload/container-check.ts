/**
 * Shared shape of the per-container workload rules: judge every container (init containers included)
 * and report one result per workload naming each failing container's field.
 */
import { containersOf, podSpecOf, podTemplatePath, type ContainerRef, type PodSpecRef } from '../../kubernetes';
import type { Resource, RuleResult } from '../../model';
import { isUnknown } from '../../model';
import { get } from '../../values';

/** A check returns undefined when the container complies, else the failure naming the field. */
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
  const refs = containersOf(resource).filter((ref) => options.includeInit !== false || !ref.init);
  if (refs.length === 0) return { status: 'not-applicable', message: 'no containers to check' };
  const failures: string[] = [];
  for (const ref of refs) {
    const failure = check(ref, pod);
    if (failure) failures.push(`${ref.init ? 'init container' : 'container'} "${ref.name}": ${failure}`);
  }
  if (failures.length > 0) return { status: 'fail', message: failures.join('; ') };
  return { status: 'pass', message: `${refs.length} container(s) checked: ${options.passMessage}` };
}

/** A container's `security_context[0].<key>`, falling back to the pod's security context (Kubernetes semantics). */
export function effectiveSecurityContext(ref: ContainerRef, pod: PodSpecRef, key: string): { value: unknown; path: string } {
  const own = get(ref.container, `security_context[0].${key}`);
  if (own !== undefined) return { value: own, path: `${ref.path}.security_context[0].${key}` };
  const inherited = get(pod.spec, `security_context[0].${key}`);
  return { value: inherited, path: inherited === undefined ? `${ref.path}.security_context[0].${key}` : `${pod.path}.security_context[0].${key}` };
}
