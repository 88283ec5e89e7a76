import { objectName } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { bool } from '../../values';
import { FAIL_CLOSED } from './container-check';

/** The provider's resource that manages a namespace's existing `default` ServiceAccount. */
const DEFAULT_ACCOUNT_TYPES = ['kubernetes_default_service_account', 'kubernetes_default_service_account_v1'];
const ACCOUNT_TYPES = ['kubernetes_service_account', 'kubernetes_service_account_v1'];

export const defaultServiceAccountToken: ResourceRule = {
  id: 'workload/default-service-account-token',
  profile: 'generic',
  title: 'The default ServiceAccount does not mount its token',
  severity: 'medium',
  rationale:
    'Every pod that names no ServiceAccount runs as its namespace’s `default` account; when that account mounts its token, any such pod — including one nobody reviewed — can call the Kubernetes API with whatever the account was granted (CIS Kubernetes 5.1.5).',
  remediation:
    'Set `automount_service_account_token = false` on the `default` ServiceAccount (`kubernetes_default_service_account_v1` manages the one every namespace has; in YAML `automountServiceAccountToken: false`), and give workloads that need the API their own account.',
  resourceTypes: [...DEFAULT_ACCOUNT_TYPES, ...ACCOUNT_TYPES],
  controls: { mlps: ['8.1.4.2'], hipaa: ['164.312(a)(1)', '164.308(a)(4)(ii)(B)'], operationsPlan: 'ops-5.1' },
  scope: 'resource',
  evaluate(resource) {
    const name = objectName(resource);
    const isDefault = DEFAULT_ACCOUNT_TYPES.includes(resource.type) || name === 'default';
    if (!isDefault) {
      return isUnknown(resource.values.metadata) || name === undefined
        ? { status: 'fail', message: `metadata[0].name ${FAIL_CLOSED}` }
        : { status: 'not-applicable', message: `ServiceAccount "${name}" is not a namespace's default account` };
    }
    const value = resource.values.automount_service_account_token;
    if (isUnknown(value)) return { status: 'fail', message: `automount_service_account_token ${FAIL_CLOSED}` };
    if (bool(value) === false)
      return { status: 'pass', message: 'the default ServiceAccount does not mount its token (automount_service_account_token is false)' };
    return {
      status: 'fail',
      message: `automount_service_account_token is ${value === undefined ? 'unset (Kubernetes mounts the default account’s token)' : JSON.stringify(value)} on the default ServiceAccount`,
    };
  },
};
