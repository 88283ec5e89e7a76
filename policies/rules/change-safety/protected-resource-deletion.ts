import { NAMESPACE_TYPES, PVC_TYPES, STATEFUL_SET_TYPES } from '../../kubernetes';
import { LABELS, LABEL_VALUES } from '../../labels';
import type { ResourceRule } from '../../model';
import { label } from '../../values';

export const protectedResourceDeletion: ResourceRule = {
  id: 'change-safety/protected-resource-deletion',
  profile: 'generic',
  title: 'Plans do not delete or replace protected resources',
  severity: 'critical',
  rationale:
    'Deleting or replacing a PersistentVolumeClaim, a StatefulSet or a medical-record namespace can destroy clinical data; such a change needs an explicit, approved waiver.',
  remediation:
    'Change the configuration so the plan updates in place (check for renamed resources or immutable fields), use `terraform state mv` for refactors, or record an approved waiver for a deliberate removal.',
  resourceTypes: [...PVC_TYPES, ...STATEFUL_SET_TYPES, ...NAMESPACE_TYPES],
  controls: { mlps: ['8.1.10.10', '8.1.4.9'], hipaa: ['164.312(c)(1)', '164.308(a)(7)(ii)(A)'], pipl: ['Art. 51'], operationsPlan: 'ops-9.1' },
  scope: 'resource',
  judgesDeletions: true,
  evaluate(resource) {
    if (!resource.change) return { status: 'not-applicable', message: 'not read from a plan' };
    if (NAMESPACE_TYPES.includes(resource.type)) {
      const dataClass = label(resource.change.before ?? resource.values, LABELS.dataClass);
      if (dataClass !== LABEL_VALUES.medicalRecord) {
        return { status: 'not-applicable', message: `namespace not labelled ${LABELS.dataClass}: ${LABEL_VALUES.medicalRecord}` };
      }
    }
    const actions = resource.change.actions;
    if (!actions.includes('delete')) return { status: 'pass', message: `plan actions: ${actions.join(', ') || 'none'}` };
    const verb = actions.includes('create') ? 'replaces' : 'deletes';
    return { status: 'fail', message: `the plan ${verb} this protected resource (actions: ${actions.join(', ')})` };
  },
};
