import type { RuleFixtures } from '../fixtures';
import { resource } from '../fixture-builders';

const ENFORCE = 'pod-security.kubernetes.io/enforce';
const namespace = (labels: Record<string, string> | string, annotations: Record<string, string> = {}) =>
  resource('kubernetes_namespace_v1', 'security', { metadata: { name: 'security', labels, annotations } });

export const podSecurityRestrictedFixtures: RuleFixtures = {
  ruleId: 'namespace/pod-security-restricted',
  pass: [
    {
      name: 'restricted namespace',
      terraform: namespace({ [ENFORCE]: 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.33' }),
      message: 'enforces restricted',
    },
  ],
  fail: [
    {
      name: 'privileged namespace with its reason',
      terraform: namespace({ [ENFORCE]: 'privileged' }, { 'platform.hospital/pod-security-exception': 'Falco loads eBPF probes' }),
      message: 'not restricted (declared reason: Falco loads eBPF probes)',
    },
    { name: 'baseline namespace', terraform: namespace({ [ENFORCE]: 'baseline' }), message: `metadata[0].labels["${ENFORCE}"] is "baseline", not restricted` },
    {
      name: 'no enforcement label',
      terraform: namespace({ 'platform.hospital/segment': 'medical' }),
      message: `metadata[0].labels["${ENFORCE}"] is unset: the namespace admits privileged pods`,
    },
    { name: 'labels known only after apply', terraform: namespace('${var.security_labels}'), message: 'metadata[0].labels is known only after apply' },
    {
      name: 'enforcement level known only after apply',
      terraform: namespace({ [ENFORCE]: '${var.security_level}' }),
      message: `metadata[0].labels["${ENFORCE}"] is known only after apply`,
    },
  ],
};
