import { LimitRangeV1 } from '@cdktf/provider-kubernetes/lib/limit-range-v1';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { ResourceQuotaV1 } from '@cdktf/provider-kubernetes/lib/resource-quota-v1';
import { Construct } from 'constructs';
import { ANNOTATIONS, type SegmentName } from '../../contract';
import { platformLabels, SEGMENT_LABEL } from '../platform-labels';

export type { SegmentName };
type Amounts = { readonly cpu: string; readonly memory: string };

export interface SegmentNamespaceProps {
  readonly name: string;
  readonly segment: SegmentName;
  /** Pod Security Admission level; anything but `restricted` carries its reason as an annotation. */
  readonly podSecurity: { readonly level: 'restricted' } | { readonly level: 'baseline' | 'privileged'; readonly reason: string };
  readonly quota: { readonly requests: Amounts; readonly limits: Amounts; readonly pods: number; readonly persistentVolumeClaims: number };
  readonly limitRange: { readonly defaultRequest: Amounts; readonly default: Amounts; readonly max?: Amounts };
  readonly extraLabels?: Readonly<Record<string, string>>;
}

/** Kubernetes version whose Pod Security Standards the namespace pins (upgrades are a reviewed change). */
const POD_SECURITY_VERSION = 'v1.33';

/**
 * A namespace in exactly one trust zone: segment label, Pod Security Admission enforced (and also
 * audited and warned at `restricted`, so a weaker namespace still shows what it lets through), a
 * quota and default container limits.
 */
export class SegmentNamespace extends Construct {
  readonly namespace: NamespaceV1;
  readonly name: string;

  constructor(scope: Construct, id: string, props: SegmentNamespaceProps) {
    super(scope, id);
    this.name = props.name;
    const annotations: Record<string, string> =
      props.podSecurity.level === 'restricted' ? {} : { [ANNOTATIONS.podSecurityException]: props.podSecurity.reason };

    this.namespace = new NamespaceV1(this, 'namespace', {
      metadata: {
        name: props.name,
        labels: {
          ...platformLabels(props.name),
          ...props.extraLabels,
          [SEGMENT_LABEL]: props.segment,
          'pod-security.kubernetes.io/enforce': props.podSecurity.level,
          'pod-security.kubernetes.io/enforce-version': POD_SECURITY_VERSION,
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
        annotations,
      },
    });
    const namespaceName = this.namespace.metadata.name;

    new ResourceQuotaV1(this, 'quota', {
      metadata: { name: 'segment-quota', namespace: namespaceName, labels: platformLabels(props.name) },
      spec: {
        hard: {
          'requests.cpu': props.quota.requests.cpu,
          'requests.memory': props.quota.requests.memory,
          'limits.cpu': props.quota.limits.cpu,
          'limits.memory': props.quota.limits.memory,
          pods: String(props.quota.pods),
          persistentvolumeclaims: String(props.quota.persistentVolumeClaims),
        },
      },
    });

    new LimitRangeV1(this, 'limits', {
      metadata: { name: 'container-defaults', namespace: namespaceName, labels: platformLabels(props.name) },
      spec: {
        limit: [
          {
            type: 'Container',
            defaultRequest: { ...props.limitRange.defaultRequest },
            default: { ...props.limitRange.default },
            ...(props.limitRange.max ? { max: { ...props.limitRange.max } } : {}),
          },
        ],
      },
    });
  }
}
