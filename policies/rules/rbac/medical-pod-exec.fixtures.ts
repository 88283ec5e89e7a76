import type { RuleFixtures } from '../fixtures';
import { planWith, resource, terraform } from '../fixture-builders';

const RBAC = 'rbac.authorization.k8s.io';
const group = (name: string) => ({ kind: 'Group', name, api_group: RBAC });
const clusterRole = (name: string, rule: Record<string, unknown>[]) =>
  resource('kubernetes_cluster_role_v1', name.replaceAll(':', '_'), { metadata: { name }, rule });
const roleBinding = (id: string, namespace: string, role: string, subjects: Record<string, unknown>[], kind = 'ClusterRole') =>
  resource('kubernetes_role_binding_v1', id, { metadata: { name: id, namespace }, role_ref: { api_group: RBAC, kind, name: role }, subject: subjects });
const clusterRoleBinding = (id: string, role: string, subjects: Record<string, unknown>[]) =>
  resource('kubernetes_cluster_role_binding_v1', id, {
    metadata: { name: id },
    role_ref: { api_group: RBAC, kind: 'ClusterRole', name: role },
    subject: subjects,
  });

const STATUS = { api_groups: [''], resources: ['pods', 'events'], verbs: ['get', 'list', 'watch'] };
/** The system engineers' role as shipped (no way into pods), with `extra` rules. */
const engineerRole = (...extra: Record<string, unknown>[]) =>
  clusterRole('hospital:system-engineer', [STATUS, { api_groups: [''], resources: ['pods'], verbs: ['delete'] }, ...extra]);
const dbaRole = clusterRole('hospital:database-administrator', [STATUS, { api_groups: [''], resources: ['pods/exec'], verbs: ['create'] }]);
const ENGINEERS = [group('oidc:platform-system-engineers')];
const DBAS = [group('oidc:platform-database-administrators')];

export const medicalPodExecFixtures: RuleFixtures = {
  ruleId: 'rbac/medical-pod-exec',
  pass: [
    {
      name: 'the system engineers restart pods but cannot enter them',
      terraform: terraform(engineerRole(), roleBinding('eng-emr', 'emr', 'hospital:system-engineer', ENGINEERS)),
      resource: 'kubernetes_role_binding_v1.eng-emr',
      message: 'ClusterRole hospital:system-engineer grants no exec, attach or port-forward into pods',
    },
    {
      name: 'the database administrators (plan access.podExecutors) exec into the data stores',
      terraform: terraform(dbaRole, roleBinding('dba', 'clinical-data', 'hospital:database-administrator', DBAS)),
      message: 'only break-glass or declared executors (Group:oidc:platform-database-administrators)',
    },
    {
      name: 'break-glass holds cluster-admin',
      terraform: clusterRoleBinding('break-glass', 'cluster-admin', [group('platform:break-glass')]),
      message: 'only break-glass or declared executors',
    },
    {
      name: 'nodes/proxy through a RoleBinding grants nothing (nodes have no namespace)',
      terraform: terraform(
        engineerRole({ api_groups: [''], resources: ['nodes/proxy'], verbs: ['get'] }),
        roleBinding('eng-his', 'his', 'hospital:system-engineer', ENGINEERS),
      ),
      message: 'grants no exec',
    },
    {
      name: 'reading pod logs is no way into the pod',
      terraform: terraform(
        engineerRole({ api_groups: [''], resources: ['pods/log'], verbs: ['get'] }),
        roleBinding('eng-lis', 'lis', 'hospital:system-engineer', ENGINEERS),
      ),
    },
  ],
  fail: [
    {
      name: 'pods/exec for the system engineers in a clinical namespace',
      terraform: terraform(
        engineerRole({ api_groups: [''], resources: ['pods/exec'], verbs: ['create'] }),
        roleBinding('eng-emr', 'emr', 'hospital:system-engineer', ENGINEERS),
      ),
      resource: 'kubernetes_role_binding_v1.eng-emr',
      message:
        'Group:oidc:platform-system-engineers may get into pods of namespace emr (medical zone) through ClusterRole hospital:system-engineer (create on pods/exec); only the break-glass group and policies/plan.yaml access.podExecutors may',
    },
    {
      name: 'pods/exec with get (the WebSocket upgrade)',
      terraform: terraform(
        engineerRole({ api_groups: [''], resources: ['pods/exec'], verbs: ['get'] }),
        roleBinding('eng-his', 'his', 'hospital:system-engineer', ENGINEERS),
      ),
      message: 'get on pods/exec',
    },
    {
      name: 'pods/attach',
      terraform: terraform(
        engineerRole({ api_groups: [''], resources: ['pods/attach'], verbs: ['create'] }),
        roleBinding('eng-lis', 'lis', 'hospital:system-engineer', ENGINEERS),
      ),
      message: 'create on pods/attach',
    },
    {
      name: 'pods/portforward',
      terraform: terraform(
        engineerRole({ api_groups: [''], resources: ['pods/portforward'], verbs: ['create'] }),
        roleBinding('eng-db', 'clinical-data', 'hospital:system-engineer', ENGINEERS),
      ),
      message: 'create on pods/portforward',
    },
    {
      name: 'every subresource through */exec',
      terraform: terraform(
        engineerRole({ api_groups: [''], resources: ['*/exec'], verbs: ['*'] }),
        roleBinding('eng-pacs', 'pacs', 'hospital:system-engineer', ENGINEERS),
      ),
      message: '* on pods/exec',
    },
    {
      name: 'a debug container through pods/ephemeralcontainers',
      terraform: terraform(
        engineerRole({ api_groups: [''], resources: ['pods/ephemeralcontainers'], verbs: ['patch'] }),
        roleBinding('eng-emr', 'emr', 'hospital:system-engineer', ENGINEERS),
      ),
      message: 'pods/ephemeralcontainers',
    },
    {
      name: 'the built-in edit role bound in a medical namespace',
      terraform: roleBinding('editors', 'his', 'edit', [{ kind: 'User', name: 'vendor-support', api_group: RBAC }]),
      message: 'User:vendor-support may get into pods of namespace his (medical zone) through ClusterRole edit',
    },
    {
      name: 'nodes/proxy bound cluster-wide reaches every medical pod',
      terraform: terraform(
        clusterRole('node-debugger', [{ api_groups: [''], resources: ['nodes/proxy'], verbs: ['get', 'create'] }]),
        clusterRoleBinding('node-debug', 'node-debugger', ENGINEERS),
      ),
      message: 'may get into pods of every namespace (medical zone: his, emr, lis, pacs, clinical-data) through ClusterRole node-debugger (nodes/proxy',
    },
    {
      name: 'the DBA role bound in a clinical system’s namespace (not a data-store namespace)',
      terraform: terraform(dbaRole, roleBinding('dba-emr', 'emr', 'hospital:database-administrator', DBAS)),
      message: 'Group:oidc:platform-database-administrators may get into pods of namespace emr',
    },
    {
      name: 'the DBA role bound cluster-wide',
      terraform: terraform(dbaRole, clusterRoleBinding('dba-everywhere', 'hospital:database-administrator', DBAS)),
      message: 'may get into pods of every namespace',
    },
    {
      name: 'impersonation of service accounts',
      terraform: terraform(
        engineerRole({ api_groups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] }),
        roleBinding('eng-emr', 'emr', 'hospital:system-engineer', ENGINEERS),
      ),
      message: 'impersonate on serviceaccounts',
    },
    {
      name: 'a role the configuration does not declare',
      terraform: roleBinding('mystery', 'lis', 'vendor-operator', [group('oidc:vendor')]),
      message: 'role_ref names ClusterRole vendor-operator, which this configuration does not declare',
    },
    {
      name: 'another plan declares no executors: the DBA binding fails',
      terraform: terraform(dbaRole, roleBinding('dba', 'clinical-data', 'hospital:database-administrator', DBAS)),
      options: { plan: planWith({ access: { podExecutors: [] } }) },
      message: 'may get into pods of namespace clinical-data',
    },
  ],
  skip: [
    {
      name: 'a binding outside the medical zone',
      terraform: terraform(
        engineerRole({ api_groups: [''], resources: ['pods/exec'], verbs: ['create'] }),
        roleBinding('eng-mon', 'monitoring', 'hospital:system-engineer', ENGINEERS),
      ),
      resource: 'kubernetes_role_binding_v1.eng-mon',
      message: 'grants nothing in a namespace of the medical zone (monitoring)',
    },
  ],
};
