import type { RuleFixtures } from '../fixtures';
import { resource } from '../fixture-builders';

const binding = (subject: Record<string, unknown>) =>
  resource('kubernetes_cluster_role_binding_v1', 'admins', {
    metadata: { name: 'admins' },
    role_ref: { api_group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subject: [subject],
  });

export const noClusterAdminFixtures: RuleFixtures = {
  ruleId: 'rbac/no-cluster-admin',
  pass: [
    { name: 'break-glass group', terraform: binding({ kind: 'Group', name: 'platform:break-glass', api_group: 'rbac.authorization.k8s.io' }) },
    {
      name: 'configured break-glass group',
      terraform: binding({ kind: 'Group', name: 'hospital-emergency-admins', api_group: 'rbac.authorization.k8s.io' }),
      options: { breakGlassGroups: ['hospital-emergency-admins'] },
    },
  ],
  fail: [
    { name: 'user bound to cluster-admin', terraform: binding({ kind: 'User', name: 'alice', api_group: 'rbac.authorization.k8s.io' }), message: 'User "alice"' },
    {
      name: 'service account via namespaced role binding',
      terraform: resource('kubernetes_role_binding', 'ci', {
        metadata: { name: 'ci', namespace: 'his' },
        role_ref: { api_group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
        subject: { kind: 'ServiceAccount', name: 'deployer', namespace: 'his' },
      }),
      message: 'ServiceAccount "deployer"',
    },
  ],
};
