import { LABELS } from '../../labels';
import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, hardenedInitContainer, terraform, workload } from '../fixture-builders';

const TESTED = `registry.hospital.internal/his/billing:3.8.1@sha256:${'1'.repeat(64)}`;
const UNTESTED = `registry.hospital.internal/his/billing:3.8.2@sha256:${'2'.repeat(64)}`;
const CURRENT = `registry.hospital.internal/his/billing:3.8.0@sha256:${'0'.repeat(64)}`;
const CANARY = 'kubernetes_deployment_v1.billing_canary';

type Json = Record<string, unknown>;

/** The canary Deployment of billing; `container` overrides fields of its one container (`image: undefined` removes it). */
function billingCanary(container: Json, initContainers?: Json[]) {
  return workload('kubernetes_deployment_v1', 'billing_canary', {
    name: 'billing-canary',
    labels: { [LABELS.track]: 'canary' },
    containers: [{ ...hardenedContainer('billing'), ...container }],
    ...(initContainers ? { initContainers } : {}),
    replicas: 1,
  });
}

/** The billing system as `cdk.tf.json` holds it: the stable Deployment, plus a canary when `canaryImage` is given. */
function billing(stableImage: string, canaryImage?: string) {
  const stable = workload('kubernetes_deployment_v1', 'billing', {
    labels: { [LABELS.track]: 'stable' },
    containers: [{ ...hardenedContainer('billing'), image: stableImage }],
    replicas: 4,
  });
  return canaryImage ? terraform(stable, billingCanary({ image: canaryImage })) : stable;
}

/** Another system of staging, running `image`. */
const other = (name: string, image: string) => workload('kubernetes_deployment_v1', name, { containers: [{ ...hardenedContainer(name), image }], replicas: 2 });

export const canaryPromotedThroughStagingFixtures: RuleFixtures = {
  ruleId: 'delivery/canary-promoted-through-staging',
  pass: [
    {
      name: 'prod canary runs the image staging runs',
      terraform: billing(CURRENT, TESTED),
      otherEnvironments: { staging: billing(TESTED) },
      resource: CANARY,
      message: `canary billing-canary: sha256:${'1'.repeat(64)} already runs in staging (kubernetes_deployment_v1.billing)`,
    },
    {
      name: 'prod canary runs the image staging runs as its own canary',
      terraform: billing(CURRENT, TESTED),
      otherEnvironments: { staging: billing(CURRENT, TESTED) },
      message: `already runs in staging (${CANARY})`,
    },
    {
      name: 'staging runs the image in two workloads: the first is named',
      terraform: billing(CURRENT, TESTED),
      otherEnvironments: { staging: billing(TESTED, TESTED) },
      message: 'already runs in staging (kubernetes_deployment_v1.billing)',
    },
    {
      name: 'staging also runs images without a digest or known only after apply',
      terraform: billing(CURRENT, TESTED),
      otherEnvironments: {
        staging: terraform(other('reports', 'registry.hospital.internal/his/reports:2.1'), other('lab', '${var.lab_image}'), billing(TESTED)),
      },
      resource: CANARY,
      message: 'already runs in staging',
    },
    {
      name: 'the canary’s init containers (shared with the stable track) are not judged',
      terraform: terraform(
        billing(CURRENT),
        billingCanary({ image: TESTED }, [hardenedInitContainer('migrate', { image: 'registry.hospital.internal/his/billing-migrate:3.8.1' })]),
      ),
      otherEnvironments: { staging: billing(TESTED) },
      resource: CANARY,
    },
  ],
  fail: [
    {
      name: 'prod canary runs an image staging never ran',
      terraform: billing(CURRENT, UNTESTED),
      otherEnvironments: { staging: billing(TESTED) },
      resource: CANARY,
      message: `canary billing-canary: spec[0].template[0].spec[0].container[0].image ${UNTESTED} is not deployed in staging`,
    },
    {
      name: 'prod canary image not pinned by digest',
      terraform: billing(CURRENT, 'registry.hospital.internal/his/billing:3.8.1'),
      otherEnvironments: { staging: billing(TESTED) },
      message: 'not pinned by digest',
    },
    {
      name: 'prod canary container without an image',
      terraform: terraform(billing(CURRENT), billingCanary({ image: undefined })),
      otherEnvironments: { staging: billing(TESTED) },
      resource: CANARY,
      message: 'is not pinned by digest, so its promotion through staging cannot be proven',
    },
    {
      name: 'prod canary image from an unresolvable variable',
      terraform: billing(CURRENT, '${var.billing_canary_image}'),
      otherEnvironments: { staging: billing(TESTED) },
      resource: CANARY,
      message: 'spec[0].template[0].spec[0].container[0].image is known only after apply; failing closed',
    },
    {
      name: 'dr canary untested while staging only runs the current image',
      environment: 'dr',
      terraform: billing(CURRENT, UNTESTED),
      otherEnvironments: { staging: billing(CURRENT) },
      message: 'is not deployed in staging',
    },
  ],
  skip: [
    {
      name: 'prod canary checked without staging',
      terraform: billing(CURRENT, TESTED),
      resource: CANARY,
      message: 'staging is not part of this check',
    },
  ],
};
