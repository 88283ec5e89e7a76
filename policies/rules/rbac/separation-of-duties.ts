import { BINDING_TYPES, ROLE_TYPES } from '../../kubernetes';
import type { EstateRule } from '../../model';
import { describeBinding, subjectDuties } from '../../rbac';

export const separationOfDuties: EstateRule = {
  id: 'rbac/separation-of-duties',
  profile: 'platform',
  title: 'No person holds two of the system, audit and security administrator duties',
  severity: 'high',
  rationale:
    'MLPS requires separate system, audit and security administrators: whoever changes workloads must not also read the audit trail of those changes, nor grant themselves access.',
  remediation:
    'Split the permissions across the operations roles: workload changes (system engineer), audit reads in the audit namespaces (security officer), RBAC/NetworkPolicy changes (network engineer or break-glass). Bind each group to one duty.',
  resourceTypes: [...ROLE_TYPES, ...BINDING_TYPES],
  controls: { mlps: ['8.1.4.2', '8.1.5.1', '8.1.5.2', '8.1.5.3'], hipaa: ['164.312(a)(1)', '164.308(a)(4)(ii)(B)'], operationsPlan: 'ops-5.1' },
  scope: 'estate',
  evaluate(estate) {
    return estate.environments.flatMap((environment) =>
      subjectDuties(estate, environment).map((entry) => {
        const first = entry.bindings[0]!;
        const base = { environment, resource: first.resource.address, file: first.resource.file };
        if (entry.breakGlass) {
          return { ...base, status: 'not-applicable' as const, message: `${entry.subject} is a break-glass group (rbac/break-glass-expiry bounds it in time)` };
        }
        const duties = [...entry.duties];
        if (duties.length >= 2) {
          const granting = duties.map(([duty, bindings]) => `${duty} (via ${bindings.map(describeBinding).join(', ')})`);
          const second = duties[1]![1][0]!;
          return {
            ...base,
            resource: second.resource.address,
            file: second.resource.file,
            status: 'fail' as const,
            message: `${entry.subject} holds ${duties.length} administrator duties: ${granting.join('; ')}`,
            details: { subject: entry.subject, duties: duties.map(([duty]) => duty) },
          };
        }
        return {
          ...base,
          status: 'pass' as const,
          message: `${entry.subject} holds ${duties.length ? `only ${duties[0]![0]}` : 'no administrator duty'}`,
        };
      }),
    );
  },
};
