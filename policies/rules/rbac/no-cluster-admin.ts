import { BINDING_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { policyOptions } from '../../options';
import { blocks, get, str } from '../../values';
import { FAIL_CLOSED } from '../workload/container-check';

export const noClusterAdmin: ResourceRule = {
  id: 'rbac/no-cluster-admin',
  title: 'Only the declared break-glass group is bound to cluster-admin',
  severity: 'critical',
  rationale: 'cluster-admin can read every medical record and disable every control; it is reserved for audited emergency (break-glass) access.',
  remediation:
    'Bind a least-privilege Role instead; if emergency access is the purpose, bind only the declared break-glass group (policy option `breakGlassGroups`).',
  resourceTypes: BINDING_TYPES,
  controls: { mlps: ['8.1.4.2', '8.1.7.3'], hipaa: ['164.312(a)(2)(ii)', '164.308(a)(4)(ii)(B)'], pipl: ['Art. 51'], operationsPlan: 'ops-5.2' },
  scope: 'resource',
  evaluate(resource, estate) {
    const roleName = get(resource.values, 'role_ref[0].name');
    if (isUnknown(roleName)) return { status: 'fail', message: `role_ref[0].name ${FAIL_CLOSED}` };
    if (roleName !== 'cluster-admin') return { status: 'not-applicable', message: `binds ${JSON.stringify(roleName)}, not cluster-admin` };
    const allowed = policyOptions(estate).breakGlassGroups;
    const subjects = resource.values.subject;
    if (isUnknown(subjects)) return { status: 'fail', message: `subject ${FAIL_CLOSED}` };
    const failures = blocks(subjects).flatMap((subject, index) => {
      const kind = subject.kind;
      const name = subject.name;
      if (isUnknown(kind) || isUnknown(name)) return [`subject[${index}] ${FAIL_CLOSED}`];
      return kind === 'Group' && allowed.includes(str(name) ?? '')
        ? []
        : [`subject[${index}] ${String(kind)} "${String(name)}" is bound to cluster-admin (only the group(s) ${allowed.join(', ')} may be)`];
    });
    if (failures.length) return { status: 'fail', message: failures.join('; ') };
    return { status: 'pass', message: `cluster-admin is bound only to the break-glass group(s) ${allowed.join(', ')}` };
  },
};
