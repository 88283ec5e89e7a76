import { isUnknown, type ResourceRule } from '../../model';
import { isProductionEnvironment } from '../../options';
import { bool } from '../../values';
import { FAIL_CLOSED } from '../workload/container-check';

export const atomicInProduction: ResourceRule = {
  id: 'helm/atomic-in-production',
  profile: 'platform',
  title: 'Helm releases in production roll back failed upgrades',
  severity: 'high',
  rationale: 'Without `atomic` a failed upgrade leaves a half-upgraded clinical system running; without `cleanup_on_fail` its new objects linger.',
  remediation: 'Set `atomic = true` and `cleanup_on_fail = true` on every helm_release in production environments.',
  resourceTypes: ['helm_release'],
  controls: { mlps: ['8.1.10.10'], hipaa: ['164.308(a)(7)(ii)(C)'], operationsPlan: 'ops-9.1' },
  scope: 'resource',
  evaluate(resource, estate) {
    if (!isProductionEnvironment(estate, resource.environment)) {
      return { status: 'not-applicable', message: `${resource.environment} is not a production environment` };
    }
    const failures: string[] = [];
    for (const key of ['atomic', 'cleanup_on_fail'] as const) {
      const value = resource.values[key];
      if (isUnknown(value)) failures.push(`${key} ${FAIL_CLOSED}`);
      else if (bool(value) !== true) failures.push(`${key} is ${value === undefined ? 'unset' : JSON.stringify(value)}`);
    }
    return failures.length ? { status: 'fail', message: failures.join('; ') } : { status: 'pass', message: 'atomic and cleanup_on_fail are set' };
  },
};
