import type { RuleFixtures } from '../fixtures';
import { helmRelease } from './chart-version-pinned.fixtures';

export const repositoryHttpsOrOciFixtures: RuleFixtures = {
  ruleId: 'helm/repository-https-or-oci',
  pass: [
    { name: 'https repository', terraform: helmRelease({}) },
    { name: 'OCI chart URL', terraform: helmRelease({ repository: undefined, chart: 'oci://registry.hospital.example/charts/falco' }) },
  ],
  fail: [
    { name: 'plain http repository', terraform: helmRelease({ repository: 'http://charts.internal' }), message: 'neither https:// nor oci://' },
    { name: 'repository alias', terraform: helmRelease({ repository: undefined, chart: 'bitnami/postgresql' }), message: 'has no repository' },
  ],
};
