import type { RuleFixtures } from '../fixtures';
import { helmRelease } from './chart-version-pinned.fixtures';

export const atomicInProductionFixtures: RuleFixtures = {
  ruleId: 'helm/atomic-in-production',
  pass: [
    { name: 'atomic in prod', terraform: helmRelease({}), environment: 'prod' },
    { name: 'atomic in dr', terraform: helmRelease({}), environment: 'dr' },
  ],
  fail: [
    { name: 'no atomic in prod', terraform: helmRelease({ atomic: undefined }), environment: 'prod', message: 'atomic is unset' },
    { name: 'cleanup_on_fail false in dr', terraform: helmRelease({ cleanup_on_fail: false }), environment: 'dr', message: 'cleanup_on_fail is false' },
  ],
};
