import type { RuleFixtures } from '../fixtures';
import { helmRelease } from './chart-version-pinned.fixtures';

export const atomicInProductionFixtures: RuleFixtures = {
  ruleId: 'helm/atomic-in-production',
  pass: [
    { name: 'atomic in prod', terraform: helmRelease({}), environment: 'prod', message: 'atomic and cleanup_on_fail are set' },
    { name: 'atomic in dr', terraform: helmRelease({}), environment: 'dr' },
    { name: 'atomic written as the HCL string "true"', terraform: helmRelease({ atomic: 'true', cleanup_on_fail: 'true' }), environment: 'prod' },
  ],
  fail: [
    { name: 'no atomic in prod', terraform: helmRelease({ atomic: undefined }), environment: 'prod', message: 'atomic is unset' },
    { name: 'cleanup_on_fail false in dr', terraform: helmRelease({ cleanup_on_fail: false }), environment: 'dr', message: 'cleanup_on_fail is false' },
    {
      name: 'both unset, both named',
      terraform: helmRelease({ atomic: undefined, cleanup_on_fail: undefined }),
      message: 'atomic is unset; cleanup_on_fail is unset',
    },
    {
      name: 'atomic from an unresolvable variable',
      terraform: helmRelease({ atomic: '${var.helm_atomic}' }),
      environment: 'prod',
      message: 'atomic is known only after apply; failing closed',
    },
  ],
  skip: [
    {
      name: 'staging is not held to production upgrades',
      terraform: helmRelease({ atomic: false, cleanup_on_fail: undefined }),
      environment: 'staging',
      resource: 'helm_release.monitoring',
      message: 'staging is not a production environment',
    },
  ],
};
