import type { RuleFixtures } from '../fixtures';
import { resource, terraform } from '../fixture-builders';

const RBAC = 'rbac.authorization.k8s.io';
const group = (name: string) => ({ kind: 'Group', name, api_group: RBAC });
const clusterRole = (name: string, rule: Record<string, unknown>[]) => resource('kubernetes_cluster_role_v1', name, { metadata: { name }, rule });
const roleBinding = (id: string, namespace: string, role: string, subject: Record<string, unknown>) =>
  resource('kubernetes_role_binding_v1', id, {
    metadata: { name: role, namespace },
    role_ref: { api_group: RBAC, kind: 'ClusterRole', name: role },
    subject: [subject],
  });

const workloadWriter = clusterRole('deployer', [{ api_groups: ['apps'], resources: ['deployments'], verbs: ['get', 'patch', 'update'] }]);
const auditReader = clusterRole('audit-reader', [{ api_groups: [''], resources: ['pods/log'], verbs: ['get', 'list'] }]);
const rbacWriter = clusterRole('rbac-writer', [{ api_groups: [RBAC], resources: ['rolebindings'], verbs: ['create', 'delete'] }]);

export const separationOfDutiesFixtures: RuleFixtures = {
  ruleId: 'rbac/separation-of-duties',
  pass: [
    {
      name: 'system engineer and security officer are different groups',
      terraform: terraform(
        workloadWriter,
        auditReader,
        roleBinding('engineers-his', 'his', 'deployer', group('oidc:system-engineers')),
        roleBinding('officers-security', 'security', 'audit-reader', group('oidc:security-officers')),
      ),
      resource: 'kubernetes_role_binding_v1.engineers-his',
      message: 'Group:oidc:system-engineers holds only system administration',
    },
    {
      name: 'pod logs read outside the audit namespaces are no audit duty',
      terraform: terraform(
        workloadWriter,
        auditReader,
        roleBinding('engineers-his', 'his', 'deployer', group('oidc:system-engineers')),
        roleBinding('engineers-his-logs', 'his', 'audit-reader', group('oidc:system-engineers')),
      ),
      message: 'Group:oidc:system-engineers holds only system administration',
    },
  ],
  fail: [
    {
      name: 'system engineer also reads the IDS logs',
      terraform: terraform(
        workloadWriter,
        auditReader,
        roleBinding('engineers-his', 'his', 'deployer', group('oidc:system-engineers')),
        roleBinding('engineers-security', 'security', 'audit-reader', group('oidc:system-engineers')),
      ),
      message: 'Group:oidc:system-engineers holds 2 administrator duties',
    },
    {
      name: 'cluster-wide log reader who patches deployments',
      terraform: terraform(
        clusterRole('ops', [
          { api_groups: ['apps'], resources: ['deployments'], verbs: ['patch'] },
          { api_groups: [''], resources: ['pods/log'], verbs: ['get'] },
        ]),
        resource('kubernetes_cluster_role_binding_v1', 'ops', {
          metadata: { name: 'ops' },
          role_ref: { api_group: RBAC, kind: 'ClusterRole', name: 'ops' },
          subject: [{ kind: 'User', name: 'alice', api_group: RBAC }],
        }),
      ),
      message: 'audit',
    },
    {
      name: 'workload writer who also edits role bindings',
      terraform: terraform(
        workloadWriter,
        rbacWriter,
        roleBinding('engineers-his', 'his', 'deployer', group('oidc:system-engineers')),
        roleBinding('engineers-rbac', 'his', 'rbac-writer', group('oidc:system-engineers')),
      ),
      message: 'security administration',
    },
  ],
  skip: [
    {
      name: 'break-glass group holding every duty through cluster-admin',
      terraform: resource('kubernetes_cluster_role_binding_v1', 'break-glass', {
        metadata: { name: 'break-glass' },
        role_ref: { api_group: RBAC, kind: 'ClusterRole', name: 'cluster-admin' },
        subject: [group('platform:break-glass')],
      }),
      resource: 'kubernetes_cluster_role_binding_v1.break-glass',
      message: 'Group:platform:break-glass is a break-glass group',
    },
  ],
};
