import type { RuleFixtures } from '../fixtures';
import { resource } from '../fixture-builders';

export const noWildcardsFixtures: RuleFixtures = {
  ruleId: 'rbac/no-wildcards',
  pass: [
    {
      name: 'read-only role',
      terraform: resource('kubernetes_role_v1', 'registration-reader', {
        metadata: { name: 'registration-reader', namespace: 'his' },
        rule: [{ api_groups: [''], resources: ['pods', 'services'], verbs: ['get', 'list', 'watch'] }],
      }),
    },
  ],
  fail: [
    {
      name: 'cluster role with wildcard verbs',
      terraform: resource('kubernetes_cluster_role_v1', 'ops', {
        metadata: { name: 'ops' },
        rule: [{ api_groups: ['apps'], resources: ['deployments'], verbs: ['*'] }],
      }),
      message: 'rule[0].verbs contains "*"',
    },
    {
      name: 'unversioned role with wildcard resources',
      terraform: resource('kubernetes_role', 'all', { metadata: { name: 'all', namespace: 'his' }, rule: { api_groups: [''], resources: ['*'], verbs: ['get'] } }),
      message: 'rule[0].resources contains "*"',
    },
    {
      name: 'cluster role with every API group',
      terraform: resource('kubernetes_cluster_role_v1', 'reader', {
        metadata: { name: 'reader' },
        rule: [{ api_groups: ['*'], resources: ['deployments'], verbs: ['get'] }],
      }),
      message: 'rule[0].api_groups contains "*"',
    },
    {
      name: 'cluster role with every non-resource URL',
      terraform: resource('kubernetes_cluster_role_v1', 'urls', {
        metadata: { name: 'urls' },
        rule: [{ non_resource_urls: ['*'], verbs: ['get'] }],
      }),
      message: 'rule[0].non_resource_urls contains "*"',
    },
  ],
};
