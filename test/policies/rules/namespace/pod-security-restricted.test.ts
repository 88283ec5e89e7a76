/** The failure message of a weaker namespace: a declared exception reason is quoted, and only when there is one. */
import { runFixture } from '../../../../policies/rules/fixtures';
import { resource } from '../../../../policies/rules/fixture-builders';
import { podSecurityRestricted } from '../../../../policies/rules/namespace/pod-security-restricted';

const messages = (metadata: Record<string, unknown>) =>
  runFixture(podSecurityRestricted, {
    name: 'namespace',
    terraform: resource('kubernetes_namespace_v1', 'ids', { metadata: { name: 'ids', ...metadata } }),
  }).map((finding) => [finding.status, finding.message]);

describe('namespace/pod-security-restricted', () => {
  it('names no reason when the namespace declares none', () => {
    expect(messages({ labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } })).toEqual([
      ['fail', 'metadata[0].labels["pod-security.kubernetes.io/enforce"] is "baseline", not restricted'],
    ]);
  });

  it('names no reason when the exception annotation is no string', () => {
    expect(
      messages({ labels: { 'pod-security.kubernetes.io/enforce': 'privileged' }, annotations: { 'platform.hospital/pod-security-exception': 42 } }),
    ).toEqual([['fail', 'metadata[0].labels["pod-security.kubernetes.io/enforce"] is "privileged", not restricted']]);
  });
});
