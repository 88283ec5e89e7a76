import type { RuleFixtures } from '../fixtures';
import { resource } from '../fixture-builders';

const RBAC = 'rbac.authorization.k8s.io';
const binding = (type: string, subjects: Record<string, unknown>[] | string) =>
  resource(type, 'readers', {
    metadata: { name: 'readers', ...(type.includes('cluster') ? {} : { namespace: 'his' }) },
    role_ref: { api_group: RBAC, kind: 'ClusterRole', name: 'view' },
    subject: subjects,
  });
const account = (name: string, namespace?: string) => ({ kind: 'ServiceAccount', name, ...(namespace ? { namespace } : {}) });
const group = (name: string) => ({ kind: 'Group', name, api_group: RBAC });

export const defaultServiceAccountUnboundFixtures: RuleFixtures = {
  ruleId: 'rbac/default-service-account-unbound',
  pass: [
    {
      name: 'a workload’s own account',
      terraform: binding('kubernetes_role_binding_v1', [account('registration', 'his')]),
      message: 'no default ServiceAccount',
    },
    {
      name: 'a group and a user named default',
      terraform: binding('kubernetes_cluster_role_binding_v1', [group('oidc:ops'), { kind: 'User', name: 'default', api_group: RBAC }]),
    },
  ],
  fail: [
    {
      name: 'default account of another namespace',
      terraform: binding('kubernetes_cluster_role_binding_v1', [group('oidc:ops'), account('default', 'kube-system')]),
      message: 'subject[1] is the default ServiceAccount of kube-system',
    },
    {
      name: 'default account without a namespace',
      terraform: binding('kubernetes_role_binding', [account('default')]),
      message: 'default ServiceAccount of (the binding’s namespace)',
    },
    {
      name: 'subjects known only after apply',
      terraform: binding('kubernetes_role_binding_v1', '${var.subjects}'),
      message: 'subject is known only after apply',
    },
    {
      name: 'subject name known only after apply',
      terraform: binding('kubernetes_role_binding_v1', [account('${var.account}', 'his')]),
      message: 'subject[0] is known only after apply',
    },
  ],
};
