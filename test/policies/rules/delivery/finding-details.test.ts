/**
 * The findings of delivery/canary-promoted-through-staging in full: one per canary container, with the
 * details the JSON report carries (digest, the environment it was promoted from, where it already runs).
 * The fixtures check only statuses and messages.
 */
import { runNamedFixture } from '../../../support/fixtures';

const RULE = 'delivery/canary-promoted-through-staging';
const fixture = (list: 'pass' | 'fail' | 'skip', name: string) => {
  return runNamedFixture(RULE, list, name).map((finding) => ({
    status: finding.status,
    resource: finding.resource,
    environment: finding.environment,
    details: finding.details,
  }));
};

describe('delivery/canary-promoted-through-staging findings', () => {
  it('a promoted canary: one pass naming the digest, the source and the workload running it', () => {
    expect(fixture('pass', 'prod canary runs the image staging runs')).toEqual([
      {
        status: 'pass',
        resource: 'kubernetes_deployment_v1.billing_canary',
        environment: 'prod',
        details: { digest: `sha256:${'1'.repeat(64)}`, promotedFrom: 'staging', seenIn: 'kubernetes_deployment_v1.billing' },
      },
    ]);
  });

  it('an untested canary: one failure naming the digest and the source', () => {
    expect(fixture('fail', 'prod canary runs an image staging never ran')).toEqual([
      {
        status: 'fail',
        resource: 'kubernetes_deployment_v1.billing_canary',
        environment: 'prod',
        details: { digest: `sha256:${'2'.repeat(64)}`, promotedFrom: 'staging' },
      },
    ]);
  });

  it('without staging: one not-applicable result per canary, nothing else', () => {
    expect(fixture('skip', 'prod canary checked without staging')).toEqual([
      { status: 'not-applicable', resource: 'kubernetes_deployment_v1.billing_canary', environment: 'prod', details: undefined },
    ]);
  });
});
