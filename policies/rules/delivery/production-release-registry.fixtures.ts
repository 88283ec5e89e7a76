import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, hardenedInitContainer, planWith, workload } from '../fixture-builders';

const DIGEST = `@sha256:${'a'.repeat(64)}`;
const RELEASED = `registry.hospital.internal/emr/emr-server:7.3.0${DIGEST}`;
/** The EMR Deployment of the plan (emr/emr) running `image`, with optional init containers. */
const emr = (image: string, initContainers?: Record<string, unknown>[]) =>
  workload('kubernetes_deployment_v1', 'emr', {
    namespace: 'emr',
    replicas: 3,
    containers: [hardenedContainer('emr', { image })],
    ...(initContainers ? { initContainers } : {}),
  });

export const productionReleaseRegistryFixtures: RuleFixtures = {
  ruleId: 'delivery/production-release-registry',
  pass: [
    {
      name: 'EMR from the release repository by digest',
      terraform: emr(RELEASED),
      resource: 'kubernetes_deployment_v1.emr',
      message: '1 container(s) checked: every image comes from a release registry',
    },
    { name: 'the DR site runs the same image', terraform: emr(RELEASED), environment: 'dr' },
    {
      name: 'another workload in a clinical namespace from the release repository',
      terraform: workload('kubernetes_deployment_v1', 'billing-export', {
        containers: [hardenedContainer('export', { image: `registry.hospital.internal/his/billing-export:1.0${DIGEST}` })],
      }),
    },
    {
      name: 'a plan naming a whole registry host',
      terraform: emr(`harbor.hospital.internal:5000/clinical/emr:7.3.0${DIGEST}`),
      options: { plan: planWith({ release: { productionRegistries: ['harbor.hospital.internal:5000'] } }) },
    },
  ],
  fail: [
    {
      name: 'EMR from a public registry',
      terraform: emr(`docker.io/vendor/emr-server:7.3.0${DIGEST}`),
      message:
        'spec[0].template[0].spec[0].container[0].image "docker.io/vendor/emr-server:7.3.0@sha256:' +
        'a'.repeat(64) +
        '" comes from docker.io/vendor/emr-server, outside the release registries (registry.hospital.internal/his, registry.hospital.internal/emr, registry.hospital.internal/lis, registry.hospital.internal/pacs) (plan: release.productionRegistries)',
    },
    { name: 'a Docker Hub short name', terraform: emr(`emr-server:7.3.0${DIGEST}`), message: 'comes from docker.io/library/emr-server' },
    {
      name: 'a developer’s repository on the same host',
      terraform: emr(`registry.hospital.internal/dev-builds/emr-server:7.3.1${DIGEST}`),
      message: 'comes from registry.hospital.internal/dev-builds/emr-server',
    },
    {
      name: 'a look-alike repository name (prefix without the "/" boundary)',
      terraform: emr(`registry.hospital.internal/emr-test/emr-server:7.3.1${DIGEST}`),
      message: 'outside the release registries',
    },
    {
      name: 'a look-alike registry host',
      terraform: emr(`registry.hospital.internal.evil.example/emr/emr-server:7.3.0${DIGEST}`),
      message: 'outside the release registries',
    },
    { name: 'the release repository by tag only', terraform: emr('registry.hospital.internal/emr/emr-server:7.3.0'), message: 'is not pinned by digest' },
    {
      name: 'an init container from a public registry',
      terraform: emr(RELEASED, [hardenedInitContainer('migrate', { image: `docker.io/library/busybox:1.36${DIGEST}` })]),
      message: 'init container "migrate"',
    },
    {
      name: 'the DR site pulling from a public registry',
      terraform: emr(`quay.io/vendor/emr:7.3.0${DIGEST}`),
      environment: 'dr',
      message: 'comes from quay.io/vendor/emr',
    },
    { name: 'image known only after apply', terraform: emr('${var.emr_image}'), message: 'image is known only after apply; failing closed' },
  ],
  skip: [
    {
      name: 'staging may run a candidate from anywhere the test allows',
      terraform: emr(`docker.io/vendor/emr-server:7.3.0${DIGEST}`),
      environment: 'staging',
      message: 'staging is no production environment',
    },
    {
      name: 'a namespace without clinical systems',
      terraform: workload('kubernetes_deployment_v1', 'exporter', {
        namespace: 'monitoring',
        containers: [hardenedContainer('exporter', { image: `quay.io/prometheus/node-exporter:v1.8${DIGEST}` })],
      }),
      message: 'namespace "monitoring" runs no clinical system of the plan',
    },
  ],
};
