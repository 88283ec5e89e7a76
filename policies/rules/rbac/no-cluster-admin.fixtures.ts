import type { RuleFixtures } from '../fixtures';
import { resource, terraform } from '../fixture-builders';

const RBAC = 'rbac.authorization.k8s.io';
const bindingTo = (role: unknown, subject: unknown) =>
  resource('kubernetes_cluster_role_binding_v1', 'admins', {
    metadata: { name: 'admins' },
    role_ref: { api_group: RBAC, kind: 'ClusterRole', name: role },
    subject,
  });
const binding = (subject: Record<string, unknown>) => bindingTo('cluster-admin', [subject]);

export const noClusterAdminFixtures: RuleFixtures = {
  ruleId: 'rbac/no-cluster-admin',
  pass: [
    {
      name: 'break-glass group',
      terraform: binding({ kind: 'Group', name: 'platform:break-glass', api_group: RBAC }),
      message: 'only to the break-glass group(s) platform:break-glass',
    },
    {
      name: 'configured break-glass group in another hospital’s input',
      environment: 'north-hospital',
      terraform: binding({ kind: 'Group', name: 'hospital-emergency-admins', api_group: RBAC }),
      options: { breakGlassGroups: ['hospital-emergency-admins'] },
    },
  ],
  fail: [
    {
      name: 'the built-in admin role bound cluster-wide',
      terraform: bindingTo('admin', [{ kind: 'Group', name: 'oidc:platform-system-engineers', api_group: RBAC }]),
      message: 'subject[0] Group "oidc:platform-system-engineers" is bound to the built-in ClusterRole admin in every namespace',
    },
    {
      name: 'the built-in edit role bound cluster-wide',
      terraform: bindingTo('edit', [{ kind: 'User', name: 'vendor', api_group: RBAC }]),
      message: 'the built-in ClusterRole edit in every namespace',
    },
    {
      name: 'a custom ClusterRole aggregating the edit roles, bound cluster-wide',
      terraform: terraform(
        resource('kubernetes_cluster_role_v1', 'ops', {
          metadata: { name: 'ops-readonly' },
          aggregation_rule: { cluster_role_selectors: [{ match_labels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } }] },
        }),
        bindingTo('ops-readonly', [{ kind: 'Group', name: 'oidc:ops', api_group: RBAC }]),
      ),
      resource: 'kubernetes_cluster_role_binding_v1.admins',
      message: 'ClusterRole ops-readonly, which aggregates the roles of edit',
    },
    {
      name: 'a custom ClusterRole granting everything, bound cluster-wide',
      terraform: terraform(
        resource('kubernetes_cluster_role_v1', 'all', { metadata: { name: 'platform-all' }, rule: [{ api_groups: ['*'], resources: ['*'], verbs: ['*'] }] }),
        bindingTo('platform-all', [{ kind: 'Group', name: 'oidc:ops', api_group: RBAC }]),
      ),
      resource: 'kubernetes_cluster_role_binding_v1.admins',
      message: 'cluster-admin in all but name',
    },
    { name: 'user bound to cluster-admin', terraform: binding({ kind: 'User', name: 'alice', api_group: RBAC }), message: 'User "alice"' },
    {
      name: 'user named like the break-glass group',
      terraform: binding({ kind: 'User', name: 'platform:break-glass', api_group: RBAC }),
      message: 'subject[0] User "platform:break-glass" is bound to cluster-admin',
    },
    {
      name: 'group other than the break-glass group',
      terraform: binding({ kind: 'Group', name: 'oidc:platform-admins', api_group: RBAC }),
      message: 'subject[0] Group "oidc:platform-admins" is bound to cluster-admin (only the group(s) platform:break-glass may be)',
    },
    {
      name: 'service account via namespaced role binding',
      terraform: resource('kubernetes_role_binding', 'ci', {
        metadata: { name: 'ci', namespace: 'his' },
        role_ref: { api_group: RBAC, kind: 'ClusterRole', name: 'cluster-admin' },
        subject: { kind: 'ServiceAccount', name: 'deployer', namespace: 'his' },
      }),
      message: 'ServiceAccount "deployer"',
    },
    {
      name: 'role name known only after apply',
      terraform: bindingTo('${var.admin_role}', [{ kind: 'Group', name: 'platform:break-glass', api_group: RBAC }]),
      message: 'role_ref[0].name is known only after apply',
    },
    { name: 'subjects known only after apply', terraform: bindingTo('cluster-admin', '${var.admin_subjects}'), message: 'subject is known only after apply' },
    {
      name: 'subject name known only after apply',
      terraform: binding({ kind: 'Group', name: '${var.admin_group}', api_group: RBAC }),
      message: 'subject[0] is known only after apply',
    },
    {
      name: 'subject kind known only after apply',
      terraform: binding({ kind: '${var.admin_kind}', name: 'platform:break-glass', api_group: RBAC }),
      message: 'subject[0] is known only after apply',
    },
  ],
  skip: [
    {
      name: 'binding of a role other than cluster-admin',
      terraform: bindingTo('view', [{ kind: 'User', name: 'alice', api_group: RBAC }]),
      resource: 'kubernetes_cluster_role_binding_v1.admins',
      message: 'binds "view", neither cluster-admin nor an administrator role bound cluster-wide',
    },
  ],
};
