import { ROLE_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { blocks, strings } from '../../values';
import { FAIL_CLOSED } from '../workload/container-check';

const RULE_LISTS = ['verbs', 'resources', 'api_groups', 'non_resource_urls'] as const;

export const noWildcards: ResourceRule = {
  id: 'rbac/no-wildcards',
  profile: 'generic',
  title: 'Roles grant no wildcard verbs, resources, API groups or URLs',
  severity: 'high',
  rationale: 'A `*` verb or resource grants everything present and future (including Secrets and escalation verbs); least privilege needs explicit lists.',
  remediation: 'List the exact `verbs`, `resources`, `api_groups` (and `non_resource_urls`) the subject needs in every `rule` block of the Role/ClusterRole.',
  resourceTypes: ROLE_TYPES,
  controls: { mlps: ['8.1.4.2', '8.1.5.3'], hipaa: ['164.308(a)(4)(i)', '164.312(a)(1)'], pipl: ['Art. 51'], operationsPlan: 'ops-5.1' },
  scope: 'resource',
  evaluate(resource) {
    const rules = resource.values.rule;
    if (isUnknown(rules)) return { status: 'fail', message: `rule ${FAIL_CLOSED}` };
    const failures: string[] = [];
    blocks(rules).forEach((rule, index) => {
      for (const key of RULE_LISTS) {
        const values = rule[key];
        const entries = isUnknown(values) ? undefined : strings(values);
        if (!entries || entries.some(isUnknown)) failures.push(`rule[${index}].${key} ${FAIL_CLOSED}`);
        else if (entries.includes('*')) failures.push(`rule[${index}].${key} contains "*"`);
      }
    });
    if (failures.length) return { status: 'fail', message: failures.join('; ') };
    return { status: 'pass', message: `${blocks(rules).length} rule(s) with explicit verbs, resources and API groups` };
  },
};
