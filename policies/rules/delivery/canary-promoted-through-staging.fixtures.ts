import { LABELS } from '../../labels';
import type { RuleFixtures } from '../fixtures';
import { hardenedContainer, workload } from '../fixture-builders';

const TESTED = `registry.hospital.internal/his/billing:3.8.1@sha256:${'1'.repeat(64)}`;
const UNTESTED = `registry.hospital.internal/his/billing:3.8.2@sha256:${'2'.repeat(64)}`;
const CURRENT = `registry.hospital.internal/his/billing:3.8.0@sha256:${'0'.repeat(64)}`;

/** The billing system as `cdk.tf.json` holds it: the stable Deployment, plus a canary when `canaryImage` is given. */
function billing(stableImage: string, canaryImage?: string) {
  const stable = workload('kubernetes_deployment_v1', 'billing', {
    labels: { [LABELS.track]: 'stable' },
    containers: [{ ...hardenedContainer('billing'), image: stableImage }],
    replicas: 4,
  });
  if (!canaryImage) return stable;
  const canary = workload('kubernetes_deployment_v1', 'billing_canary', {
    name: 'billing-canary',
    labels: { [LABELS.track]: 'canary' },
    containers: [{ ...hardenedContainer('billing'), image: canaryImage }],
    replicas: 1,
  });
  const deployments = (json: Record<string, unknown>) => (json.resource as { kubernetes_deployment_v1: Record<string, unknown> }).kubernetes_deployment_v1;
  return { resource: { kubernetes_deployment_v1: { ...deployments(stable), ...deployments(canary) } } };
}

export const canaryPromotedThroughStagingFixtures: RuleFixtures = {
  ruleId: 'delivery/canary-promoted-through-staging',
  pass: [
    {
      name: 'prod canary runs the image staging runs',
      terraform: billing(CURRENT, TESTED),
      otherEnvironments: { staging: billing(TESTED) },
      resource: 'kubernetes_deployment_v1.billing_canary',
    },
    {
      name: 'prod canary runs the image staging runs as its own canary',
      terraform: billing(CURRENT, TESTED),
      otherEnvironments: { staging: billing(CURRENT, TESTED) },
    },
  ],
  fail: [
    {
      name: 'prod canary runs an image staging never ran',
      terraform: billing(CURRENT, UNTESTED),
      otherEnvironments: { staging: billing(TESTED) },
      resource: 'kubernetes_deployment_v1.billing_canary',
      message: 'is not deployed in staging',
    },
    {
      name: 'prod canary image not pinned by digest',
      terraform: billing(CURRENT, 'registry.hospital.internal/his/billing:3.8.1'),
      otherEnvironments: { staging: billing(TESTED) },
      message: 'not pinned by digest',
    },
    {
      name: 'dr canary untested while staging only runs the current image',
      environment: 'dr',
      terraform: billing(CURRENT, UNTESTED),
      otherEnvironments: { staging: billing(CURRENT) },
      message: 'is not deployed in staging',
    },
  ],
};
