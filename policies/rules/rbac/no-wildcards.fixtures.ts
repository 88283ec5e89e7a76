import type { RuleFixtures } from '../fixtures';
import { resource } from '../fixture-builders';

const clusterRole = (name: string, rule: unknown) => resource('kubernetes_cluster_role_v1', name, { metadata: { name }, rule });

export const noWildcardsFixtures: RuleFixtures = {
  ruleId: 'rbac/no-wildcards',
  pass: [
    {
      name: 'read-only role',
      terraform: resource('kubernetes_role_v1', 'registration-reader', {
        metadata: { name: 'registration-reader', namespace: 'his' },
        rule: [{ api_groups: [''], resources: ['pods', 'services'], verbs: ['get', 'list', 'watch'] }],
      }),
      message: '1 rule(s) with explicit verbs',
    },
  ],
  fail: [
    {
      name: 'cluster role with wildcard verbs',
      terraform: clusterRole('ops', [{ api_groups: ['apps'], resources: ['deployments'], verbs: ['*'] }]),
      message: 'rule[0].verbs contains "*"',
    },
    {
      name: 'unversioned role with wildcard resources',
      terraform: resource('kubernetes_role', 'all', {
        metadata: { name: 'all', namespace: 'his' },
        rule: { api_groups: [''], resources: ['*'], verbs: ['get'] },
      }),
      message: 'rule[0].resources contains "*"',
    },
    {
      name: 'cluster role with every API group',
      terraform: clusterRole('reader', [{ api_groups: ['*'], resources: ['deployments'], verbs: ['get'] }]),
      message: 'rule[0].api_groups contains "*"',
    },
    {
      name: 'cluster role with every non-resource URL',
      terraform: clusterRole('urls', [{ non_resource_urls: ['*'], verbs: ['get'] }]),
      message: 'rule[0].non_resource_urls contains "*"',
    },
    { name: 'rules known only after apply', terraform: clusterRole('dynamic', '${var.rules}'), message: 'rule is known only after apply' },
    {
      name: 'verb list known only after apply',
      terraform: clusterRole('verbs', [{ api_groups: ['apps'], resources: ['deployments'], verbs: '${var.verbs}' }]),
      message: 'rule[0].verbs is known only after apply',
    },
    {
      name: 'one verb known only after apply',
      terraform: clusterRole('verb', [{ api_groups: ['apps'], resources: ['deployments'], verbs: ['get', '${var.extra_verb}'] }]),
      message: 'rule[0].verbs is known only after apply',
    },
  ],
};
