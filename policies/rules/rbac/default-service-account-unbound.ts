import { BINDING_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { blocks } from '../../values';
import { FAIL_CLOSED } from '../workload/container-check';

export const defaultServiceAccountUnbound: ResourceRule = {
  id: 'rbac/default-service-account-unbound',
  profile: 'generic',
  title: 'No role is bound to a default ServiceAccount',
  severity: 'high',
  rationale:
    'Every pod that names no ServiceAccount runs as its namespace’s `default` account: a role bound to it is granted to all of them, reviewed or not, so the access review cannot tell who holds it (CIS Kubernetes 5.1.5).',
  remediation: 'Create a ServiceAccount for the workload that needs the permissions, bind the role to it, and set it as the workload’s `service_account_name`.',
  resourceTypes: BINDING_TYPES,
  controls: { mlps: ['8.1.4.2'], hipaa: ['164.312(a)(1)', '164.308(a)(4)(ii)(B)'], pipl: ['Art. 51'], operationsPlan: 'ops-5.1' },
  scope: 'resource',
  evaluate(resource) {
    const subjects = resource.values.subject;
    if (isUnknown(subjects)) return { status: 'fail', message: `subject ${FAIL_CLOSED}` };
    const failures = blocks(subjects).flatMap((subject, index) => {
      if (isUnknown(subject.kind) || isUnknown(subject.name)) return [`subject[${index}] ${FAIL_CLOSED}`];
      if (subject.kind !== 'ServiceAccount' || subject.name !== 'default') return [];
      const namespace = typeof subject.namespace === 'string' && subject.namespace !== '' ? subject.namespace : '(the binding’s namespace)';
      return [`subject[${index}] is the default ServiceAccount of ${namespace}`];
    });
    if (failures.length) return { status: 'fail', message: failures.join('; ') };
    return { status: 'pass', message: 'no default ServiceAccount among the subjects' };
  },
};
