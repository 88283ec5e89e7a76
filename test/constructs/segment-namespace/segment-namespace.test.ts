import { Testing, TerraformStack } from 'cdktf';
import { SegmentNamespace, type SegmentNamespaceProps } from '../../../constructs/segment-namespace';
import { testingApp } from '../../support/testing-app';

const baseProps: SegmentNamespaceProps = {
  name: 'his',
  segment: 'medical',
  podSecurity: { level: 'restricted' },
  quota: { requests: { cpu: '4', memory: '8Gi' }, limits: { cpu: '8', memory: '16Gi' }, pods: 20, persistentVolumeClaims: 0 },
  limitRange: { defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { cpu: '500m', memory: '512Mi' } },
};

function synth(props: SegmentNamespaceProps) {
  const stack = new TerraformStack(testingApp(), 'test');
  new SegmentNamespace(stack, 'ns', props);
  return JSON.parse(Testing.synth(stack));
}

describe('SegmentNamespace', () => {
  it('labels the namespace with its segment and enforces the restricted Pod Security Standard', () => {
    const json = synth(baseProps);
    const [namespace] = Object.values(json.resource.kubernetes_namespace_v1) as any[];
    expect(namespace.metadata.name).toBe('his');
    expect(namespace.metadata.labels).toMatchObject({
      'platform.hospital/segment': 'medical',
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
    expect(namespace.metadata.annotations ?? {}).toEqual({});
  });

  it('records the reason of a weaker Pod Security level on the namespace', () => {
    const json = synth({
      ...baseProps,
      name: 'security',
      segment: 'management',
      podSecurity: { level: 'privileged', reason: 'node-level intrusion detection needs host access' },
    });
    const [namespace] = Object.values(json.resource.kubernetes_namespace_v1) as any[];
    expect(namespace.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
    expect(namespace.metadata.labels['pod-security.kubernetes.io/warn']).toBe('restricted');
    expect(namespace.metadata.annotations['platform.hospital/pod-security-exception']).toBe('node-level intrusion detection needs host access');
  });

  it('adds a quota and container defaults in the namespace', () => {
    const json = synth(baseProps);
    const [quota] = Object.values(json.resource.kubernetes_resource_quota_v1) as any[];
    expect(quota.spec.hard).toEqual({
      'requests.cpu': '4',
      'requests.memory': '8Gi',
      'limits.cpu': '8',
      'limits.memory': '16Gi',
      pods: '20',
      persistentvolumeclaims: '0',
    });
    expect(quota.metadata.namespace).toMatch(/^\$\{kubernetes_namespace_v1\.[^}]+\.metadata\[0\]\.name\}$/);
    const [limits] = Object.values(json.resource.kubernetes_limit_range_v1) as any[];
    expect(limits.spec.limit[0]).toMatchObject({
      type: 'Container',
      default_request: { cpu: '100m', memory: '128Mi' },
      default: { cpu: '500m', memory: '512Mi' },
    });
  });
});
