import { namespaceOf, objectName, WORKLOAD_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { get } from '../../values';
import { FAIL_CLOSED } from './container-check';

/** Both the unversioned and the versioned resource type of the kubernetes provider. */
const versions = (base: string, versioned = `${base}_v1`): string[] => [base, versioned];

/**
 * Namespaced kinds whose objects belong to an application, as Checkov's CKV_K8S_21 lists them (its
 * ReplicaSet has no provider resource type), and the other namespaced objects an application brings.
 * Left out on purpose: NetworkPolicies, LimitRanges and ResourceQuotas, which are what hardens the
 * default namespace itself, and `kubernetes_default_service_account`, which manages the account every
 * namespace has.
 */
export const NAMESPACED_APPLICATION_TYPES: readonly string[] = [
  ...WORKLOAD_TYPES,
  ...versions('kubernetes_config_map'),
  ...versions('kubernetes_secret'),
  ...versions('kubernetes_service'),
  ...versions('kubernetes_service_account'),
  ...versions('kubernetes_ingress'),
  ...versions('kubernetes_role'),
  ...versions('kubernetes_role_binding'),
  ...versions('kubernetes_persistent_volume_claim'),
  ...versions('kubernetes_pod_disruption_budget'),
  ...versions('kubernetes_endpoints'),
  'kubernetes_horizontal_pod_autoscaler',
  'kubernetes_horizontal_pod_autoscaler_v1',
  'kubernetes_horizontal_pod_autoscaler_v2',
  'kubernetes_horizontal_pod_autoscaler_v2beta2',
];

/** Objects Kubernetes itself keeps in `default`: its ServiceAccount and the API server's Service. */
function builtIn(type: string, name: string | undefined): string | undefined {
  if (name === 'default' && type.startsWith('kubernetes_service_account')) return 'the ServiceAccount "default" exists in every namespace';
  if (name === 'kubernetes' && (type === 'kubernetes_service' || type === 'kubernetes_service_v1')) return 'the Service "kubernetes" is the API server’s own';
  return undefined;
}

export const noDefaultNamespace: ResourceRule = {
  id: 'workload/no-default-namespace',
  profile: 'generic',
  title: 'Workloads and their objects do not live in the default namespace',
  severity: 'medium',
  rationale:
    'The default namespace belongs to no segment: workloads there escape the segment labels, network policies and quotas that isolate clinical systems, and the Secrets, ConfigMaps, Services, accounts and bindings placed there serve whatever runs in it.',
  remediation:
    'Set `metadata.namespace` to the namespace of the application’s segment (e.g. a namespace labelled `platform.hospital/segment: medical`); an unset namespace is `default`.',
  resourceTypes: NAMESPACED_APPLICATION_TYPES,
  controls: { mlps: ['8.1.2.1', '8.1.4.2'], hipaa: ['164.308(a)(4)(i)'], operationsPlan: 'ops-2.1' },
  scope: 'resource',
  evaluate(resource) {
    const namespace = namespaceOf(resource);
    if (isUnknown(namespace)) return { status: 'fail', message: `metadata[0].namespace ${FAIL_CLOSED}` };
    if (namespace === 'default') {
      const exception = builtIn(resource.type, objectName(resource));
      if (exception) return { status: 'not-applicable', message: `${exception} (Kubernetes keeps it in "default")` };
      const written = get(resource.values, 'metadata[0].namespace');
      if (written === 'default') return { status: 'fail', message: 'metadata[0].namespace is "default"' };
      return { status: 'fail', message: `metadata[0].namespace is ${written === undefined ? 'unset' : 'empty'} (the object lands in "default")` };
    }
    return { status: 'pass', message: `lives in namespace "${String(namespace)}"` };
  },
};
