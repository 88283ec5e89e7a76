import { ANNOTATIONS } from '../../labels';
import { NAMESPACE_TYPES } from '../../kubernetes';
import { isUnknown, type ResourceRule } from '../../model';
import { map } from '../../values';
import { FAIL_CLOSED } from '../workload/container-check';

export const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
/** Where the segment-namespace construct records why a namespace is weaker than restricted. */
export const EXCEPTION_ANNOTATION = ANNOTATIONS.podSecurityException;

export const podSecurityRestricted: ResourceRule = {
  id: 'namespace/pod-security-restricted',
  profile: 'generic',
  title: 'Namespaces enforce the restricted Pod Security Standard',
  severity: 'high',
  rationale:
    'Pod Security Admission is the cluster-side backstop of the workload rules: a namespace enforcing less than restricted admits privileged pods however they were created (kubectl, Helm charts, operators). A weaker level must be an explicit, expiring waiver.',
  remediation: `Label the namespace \`${ENFORCE_LABEL}: restricted\`; where a workload truly needs more (node agents such as the IDS), keep the weaker level, say why in \`${EXCEPTION_ANNOTATION}\`, and waive this rule for that namespace with an expiry.`,
  resourceTypes: NAMESPACE_TYPES,
  controls: { mlps: ['8.1.4.4', '8.1.4.2'], hipaa: ['164.308(a)(1)(ii)(B)', '164.312(a)(1)'], operationsPlan: 'ops-4.1' },
  scope: 'resource',
  evaluate(resource) {
    const labels = map(resource.values, 'metadata[0].labels');
    if (isUnknown(labels)) return { status: 'fail', message: `metadata[0].labels ${FAIL_CLOSED}` };
    const level = labels[ENFORCE_LABEL];
    if (isUnknown(level)) return { status: 'fail', message: `metadata[0].labels["${ENFORCE_LABEL}"] ${FAIL_CLOSED}` };
    if (level === 'restricted') return { status: 'pass', message: 'enforces restricted' };
    const annotations = map(resource.values, 'metadata[0].annotations');
    const reason = isUnknown(annotations) ? undefined : annotations[EXCEPTION_ANNOTATION];
    const why = typeof reason === 'string' ? ` (declared reason: ${reason})` : '';
    if (level === undefined) return { status: 'fail', message: `metadata[0].labels["${ENFORCE_LABEL}"] is unset: the namespace admits privileged pods` };
    return { status: 'fail', message: `metadata[0].labels["${ENFORCE_LABEL}"] is ${JSON.stringify(level)}, not restricted${why}` };
  },
};
