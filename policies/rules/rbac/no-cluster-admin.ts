import { BINDING_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { breakGlassGroupsOf } from '../../options';
import { bindingObject } from '../../rbac';
import { blocks, get, str } from '../../values';
import { FAIL_CLOSED } from '../workload/container-check';
import { adminEquivalence } from './effective-permissions';

export const noClusterAdmin: ResourceRule = {
  id: 'rbac/no-cluster-admin',
  profile: 'generic',
  title: 'Only the declared break-glass group holds cluster-admin, or admin/edit cluster-wide',
  severity: 'critical',
  rationale:
    'cluster-admin can read every medical record and disable every control; the built-in admin and edit roles bound by a ClusterRoleBinding read and write every Secret and workload of every namespace. They are reserved for audited emergency (break-glass) access, whatever the ClusterRole that grants them is called.',
  remediation:
    'Bind a least-privilege Role in the namespaces the duty needs instead; if emergency access is the purpose, bind only the declared break-glass group (`access.breakGlass.group` of the environment file; policy option `breakGlassGroups` for other inputs). Do not aggregate `rbac.authorization.k8s.io/aggregate-to-admin`/`-edit` roles into custom ClusterRoles bound cluster-wide.',
  resourceTypes: BINDING_TYPES,
  controls: { mlps: ['8.1.4.2', '8.1.7.3'], hipaa: ['164.312(a)(2)(ii)', '164.308(a)(4)(ii)(B)'], pipl: ['Art. 51'], operationsPlan: 'ops-5.2' },
  scope: 'resource',
  evaluate(resource, estate) {
    const roleName = get(resource.values, 'role_ref[0].name');
    if (isUnknown(roleName)) return { status: 'fail', message: `role_ref[0].name ${FAIL_CLOSED}` };
    const binding = bindingObject(resource);
    // cluster-admin is judged wherever it is bound; admin/edit (and what equals them) when bound cluster-wide.
    const grant =
      roleName === 'cluster-admin' && binding.roleRef.kind === 'ClusterRole'
        ? 'cluster-admin'
        : binding.kind === 'ClusterRoleBinding'
          ? adminEquivalence(estate, binding)
          : undefined;
    if (!grant)
      return { status: 'not-applicable', message: `binds ${JSON.stringify(roleName)}, neither cluster-admin nor an administrator role bound cluster-wide` };
    const allowed = breakGlassGroupsOf(estate, resource.environment);
    const subjects = resource.values.subject;
    if (isUnknown(subjects)) return { status: 'fail', message: `subject ${FAIL_CLOSED}` };
    const failures = blocks(subjects).flatMap((subject, index) => {
      const kind = subject.kind;
      const name = subject.name;
      if (isUnknown(kind) || isUnknown(name)) return [`subject[${index}] ${FAIL_CLOSED}`];
      const where = grant === 'cluster-admin' ? 'cluster-admin' : `${grant} in every namespace`;
      return kind === 'Group' && allowed.includes(str(name) ?? '')
        ? []
        : [`subject[${index}] ${String(kind)} "${String(name)}" is bound to ${where} (only the group(s) ${allowed.join(', ')} may be)`];
    });
    if (failures.length) return { status: 'fail', message: failures.join('; ') };
    return { status: 'pass', message: `${grant} is bound only to the break-glass group(s) ${allowed.join(', ')}` };
  },
};
