import type { RuleFixtures } from '../fixtures';
import { resource } from '../fixture-builders';

const namespace = (labels: Record<string, string>, annotations: Record<string, string> = {}) =>
  resource('kubernetes_namespace_v1', 'security', { metadata: { name: 'security', labels, annotations } });

export const podSecurityRestrictedFixtures: RuleFixtures = {
  ruleId: 'namespace/pod-security-restricted',
  pass: [{ name: 'restricted namespace', terraform: namespace({ 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.33' }) }],
  fail: [
    {
      name: 'privileged namespace with its reason',
      terraform: namespace({ 'pod-security.kubernetes.io/enforce': 'privileged' }, { 'platform.hospital/pod-security-exception': 'Falco loads eBPF probes' }),
      message: 'not restricted (declared reason: Falco loads eBPF probes)',
    },
    { name: 'baseline namespace', terraform: namespace({ 'pod-security.kubernetes.io/enforce': 'baseline' }), message: '"baseline"' },
    { name: 'no enforcement label', terraform: namespace({ 'platform.hospital/segment': 'medical' }), message: 'admits privileged pods' },
  ],
};
