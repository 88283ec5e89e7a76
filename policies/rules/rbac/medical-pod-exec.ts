import { BINDING_TYPES } from '../../kubernetes';
import type { Estate, ResourceRule } from '../../model';
import { breakGlassGroupsOf } from '../../options';
import { planOf } from '../../plan/facts';
import { bindingObject, rbacObjects, subjectKey, type Subject } from '../../rbac';
import { FAIL_CLOSED } from '../workload/container-check';
import { effectiveRules, podShellAccess } from './effective-permissions';
import { medicalReach, patternMatches } from './medical-secrets-readers';

/** Whether the break-glass groups or the plan's `access.podExecutors` let this subject into pods of every namespace listed. */
function allowedExecutor(estate: Estate, environment: string, subject: Subject, namespaces: readonly string[]): boolean {
  if (subject.kind === 'Group' && breakGlassGroupsOf(estate, environment).includes(subject.name)) return true;
  const key = subjectKey(subject);
  return planOf(estate).access.podExecutors.some(
    (executor) => executor.subjects.some((pattern) => patternMatches(pattern, key)) && namespaces.every((namespace) => executor.namespaces.includes(namespace)),
  );
}

export const medicalPodExec: ResourceRule = {
  id: 'rbac/medical-pod-exec',
  profile: 'platform',
  title: 'Only break-glass and the declared executors may get into pods of the medical zone',
  severity: 'high',
  rationale:
    'A shell in a pod of HIS, EMR, LIS or a medical-record store (pods/exec), its terminal (pods/attach), a tunnel to its ports (pods/portforward), a debug container or the kubelet API (nodes/proxy) reads its mounted credentials and its patients’ data past every audit trail of the application. Least privilege allows that only to the break-glass group and to the roles the plan declares (database administrators in the data-store namespaces), whatever role name or built-in role (`edit`, `admin`) carries it.',
  remediation:
    'Remove pods/exec, pods/attach, pods/portforward (and `*`, pods/ephemeralcontainers, nodes/proxy, impersonate) from the role bound here, or bind it only to a subject listed in policies/plan.yaml access.podExecutors for this namespace; for an incident, use the break-glass group (time-limited, reviewed).',
  resourceTypes: BINDING_TYPES,
  controls: { mlps: ['8.1.4.2', '8.1.4.3', '8.1.4.8'], hipaa: ['164.308(a)(4)(ii)(B)', '164.312(a)(1)'], pipl: ['Art. 51'], operationsPlan: 'ops-5.1' },
  planKeys: ['access.podExecutors', 'segments.namespaces'],
  scope: 'resource',
  evaluate(resource, estate) {
    const binding = bindingObject(resource);
    if (binding.namespace === '?') return { status: 'fail', message: `metadata[0].namespace ${FAIL_CLOSED}` };
    const reach = medicalReach(estate, binding.namespace);
    if (reach.length === 0)
      return { status: 'not-applicable', message: `grants nothing in a namespace of the medical zone (${binding.namespace ?? 'cluster-wide'})` };
    const rules = effectiveRules(estate, binding, rbacObjects(estate, resource.environment).roles);
    const role = `${binding.roleRef.kind} ${binding.roleRef.name}`;
    if (!rules)
      return {
        status: 'fail',
        message: `role_ref names ${role}, which this configuration does not declare: whether it lets anyone into the pods of ${reach.join(', ')} cannot be judged`,
      };
    const access = podShellAccess(rules, binding.namespace === undefined);
    if ('unknown' in access) return { status: 'fail', message: `the rules of ${role} are ${FAIL_CLOSED}` };
    if (!access.shell) return { status: 'pass', message: `${role} grants no exec, attach or port-forward into pods` };
    const where = binding.namespace === undefined ? `every namespace (medical zone: ${reach.join(', ')})` : `namespace ${binding.namespace} (medical zone)`;
    const offenders = binding.subjects.filter((subject) => subject.kind === '?' || !allowedExecutor(estate, resource.environment, subject, reach));
    if (offenders.length === 0)
      return {
        status: 'pass',
        message: `${role} lets into pods of ${where} only break-glass or declared executors (${binding.subjects.map(subjectKey).join(', ')})`,
      };
    return {
      status: 'fail',
      message: `${offenders.map(subjectKey).join(', ')} may get into pods of ${where} through ${role} (${access.how}); only the break-glass group and policies/plan.yaml access.podExecutors may`,
      details: { subjects: offenders.map(subjectKey), role },
    };
  },
};
