import type { RuleFixtures } from '../fixtures';
import { resource } from '../fixture-builders';

const DIGEST = 'sha256:' + '4'.repeat(64);
const release = (id: string, chart: string, version: string, values: string, set: Record<string, unknown>[] = []) =>
  resource('helm_release', id, {
    name: id,
    repository: 'https://charts.example.org',
    chart,
    version,
    namespace: 'security',
    values: [values],
    ...(set.length ? { set } : {}),
  });
const falco = (values: string, set: Record<string, unknown>[] = []) => release('falco', 'falco', '9.1.0', values, set);

export const imagesPinnedDigestFixtures: RuleFixtures = {
  ruleId: 'helm/images-pinned-digest',
  pass: [
    {
      name: 'values that set no image',
      terraform: falco('driver:\n  kind: modern_ebpf\n'),
      message: 'the values set no image: falco runs the default images of chart version 9.1.0',
    },
    { name: 'only the pull policy changed', terraform: falco('image:\n  pullPolicy: Always\n'), message: 'the values set no image' },
    {
      name: 'Falco pinned by digest in the tag',
      terraform: falco(`image:\n  tag: 0.41.3@${DIGEST}\n`),
      message: 'every image the values set is pinned by digest (image)',
    },
    {
      name: 'kube-prometheus-stack operator pinned by its sha field',
      terraform: release(
        'kps',
        'kube-prometheus-stack',
        '88.5.3',
        `prometheusOperator:\n  image:\n    registry: registry.hospital.internal/mirror\n    sha: ${'5a'.repeat(32)}\n`,
      ),
    },
    { name: 'Loki pinned by its digest field', terraform: release('loki', 'loki', '18.11.0', `loki:\n  image:\n    tag: 3.5.0\n    digest: ${DIGEST}\n`) },
    {
      name: 'an extra container pinned by digest',
      terraform: falco(`extra:\n  initContainers:\n    - name: wait\n      image: registry.hospital.internal/busybox:1.37@${DIGEST}\n`),
    },
  ],
  fail: [
    {
      name: 'Falco image.tag latest',
      terraform: falco('image:\n  tag: latest\n'),
      message: 'values image (sets tag) renders docker.io/falcosecurity/falco:latest, which uses the mutable tag "latest"',
    },
    {
      name: 'Traefik image.tag latest',
      terraform: release('traefik', 'traefik', '37.1.1', 'image:\n  tag: latest\n'),
      message: 'renders docker.io/traefik:latest',
    },
    { name: 'a version tag without a digest', terraform: falco('image:\n  tag: 0.41.3\n'), message: 'uses the tag "0.41.3" without a digest' },
    {
      name: 'a mirror registry by the chart’s tag',
      terraform: falco('image:\n  registry: registry.hospital.internal/mirror\n'),
      message: "uses the chart's appVersion as a tag, without a digest",
    },
    {
      name: 'image tag through a set entry',
      terraform: falco('driver:\n  kind: modern_ebpf\n', [{ name: 'falcoctl.image.tag', value: 'latest' }]),
      message: 'values falcoctl.image (sets tag)',
    },
    {
      name: 'a sub-chart image (falcosidekick) by tag',
      terraform: falco('falcosidekick:\n  enabled: true\n  image:\n    tag: 2.32.0\n'),
      message: 'values falcosidekick.image',
    },
    {
      name: 'a malformed digest',
      terraform: release('loki', 'loki', '18.11.0', 'loki:\n  image:\n    digest: sha256:abc\n'),
      message: 'has a malformed digest',
    },
    {
      name: 'an extra container by tag',
      terraform: falco('extra:\n  initContainers:\n    - name: wait\n      image: busybox:latest\n'),
      message: 'values extra.initContainers[0].image renders busybox:latest, which is pinned by a tag only',
    },
    {
      name: 'a global registry moves every default image',
      terraform: release('kps', 'kube-prometheus-stack', '88.5.3', 'global:\n  imageRegistry: registry.hospital.internal/mirror\n'),
      message: 'prometheusOperator.image (global.imageRegistry "registry.hospital.internal/mirror")',
    },
    { name: 'values known only after apply', terraform: falco('${var.falco_values}'), message: 'values[0] is known only after apply; failing closed' },
  ],
};
