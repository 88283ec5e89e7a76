import type { RuleFixtures } from '../fixtures';
import { planWith, resource, terraform } from '../fixture-builders';

const RBAC = 'rbac.authorization.k8s.io';
const group = (name: string) => ({ kind: 'Group', name, api_group: RBAC });
const clusterRole = (name: string, rule: Record<string, unknown>[], extra: Record<string, unknown> = {}, labels: Record<string, string> = {}) =>
  resource('kubernetes_cluster_role_v1', name.replaceAll(':', '_'), { metadata: { name, labels }, rule, ...extra });
const roleBinding = (
  id: string,
  namespace: string,
  role: string,
  subjects: Record<string, unknown>[],
  annotations: Record<string, string> = {},
  kind = 'ClusterRole',
) =>
  resource('kubernetes_role_binding_v1', id, {
    metadata: { name: id, namespace, annotations },
    role_ref: { api_group: RBAC, kind, name: role },
    subject: subjects,
  });
const clusterRoleBinding = (id: string, role: string, subjects: Record<string, unknown>[]) =>
  resource('kubernetes_cluster_role_binding_v1', id, {
    metadata: { name: id },
    role_ref: { api_group: RBAC, kind: 'ClusterRole', name: role },
    subject: subjects,
  });

const LIAISON = { 'platform.hospital/role': 'clinicalLiaison' };
const liaisonRole = (extra: Record<string, unknown>[] = []) =>
  clusterRole('hospital:clinical-liaison', [
    { api_groups: [''], resources: ['pods', 'events'], verbs: ['get', 'list', 'watch'] },
    { api_groups: ['apps'], resources: ['deployments', 'statefulsets'], verbs: ['get', 'list', 'watch'] },
    ...extra,
  ]);
const dbaRole = clusterRole('hospital:database-administrator', [
  { api_groups: [''], resources: ['pods/log', 'configmaps', 'secrets'], verbs: ['get', 'list', 'watch'] },
]);

export const medicalSecretsReadersFixtures: RuleFixtures = {
  ruleId: 'rbac/medical-secrets-readers',
  pass: [
    {
      name: 'the clinical liaison reads workloads and events only',
      terraform: terraform(liaisonRole(), roleBinding('liaison-emr', 'emr', 'hospital:clinical-liaison', [group('oidc:platform-clinical-liaisons')], LIAISON)),
      resource: 'kubernetes_role_binding_v1.liaison-emr',
      message: 'ClusterRole hospital:clinical-liaison reads no Secrets',
    },
    {
      name: 'the database administrators (plan access.secretReaders) read Secrets in clinical-data',
      terraform: terraform(dbaRole, roleBinding('dba', 'clinical-data', 'hospital:database-administrator', [group('oidc:platform-database-administrators')])),
      resource: 'kubernetes_role_binding_v1.dba',
      message: 'only for declared secret readers',
    },
    {
      name: 'the development environment’s DBA group matches the same pattern',
      terraform: terraform(dbaRole, roleBinding('dba', 'clinical-data', 'hospital:database-administrator', [group('oidc:lab-database-administrators')])),
      environment: 'dev',
    },
    {
      name: 'the built-in view role reads no Secrets',
      terraform: roleBinding('viewers', 'emr', 'view', [group('oidc:platform-clinical-liaisons')]),
      message: 'ClusterRole view reads no Secrets',
    },
  ],
  fail: [
    {
      name: 'the clinical liaison’s role may read Secrets',
      terraform: terraform(
        liaisonRole([{ api_groups: [''], resources: ['secrets'], verbs: ['get', 'list'] }]),
        roleBinding('liaison-emr', 'emr', 'hospital:clinical-liaison', [group('oidc:platform-clinical-liaisons')], LIAISON),
      ),
      resource: 'kubernetes_role_binding_v1.liaison-emr',
      message:
        'Group:oidc:platform-clinical-liaisons may read Secrets in namespace emr (medical zone) through ClusterRole hospital:clinical-liaison (get/list on secrets)',
    },
    {
      name: 'a role with * resources bound in a medical namespace',
      terraform: terraform(
        clusterRole('helper', [{ api_groups: [''], resources: ['*'], verbs: ['get'] }]),
        roleBinding('helper-his', 'his', 'helper', [group('oidc:platform-system-engineers')]),
      ),
      message: 'get on * (every resource, Secrets included)',
    },
    {
      name: 'a role with * verbs and * API groups on secrets',
      terraform: terraform(
        clusterRole('helper', [{ api_groups: ['*'], resources: ['secrets'], verbs: ['*'] }]),
        roleBinding('helper-his', 'his', 'helper', [group('oidc:platform-system-engineers')]),
      ),
      message: '* on secrets in every API group',
    },
    {
      name: 'the built-in edit role bound in a medical namespace',
      terraform: roleBinding('editors', 'lis', 'edit', [group('oidc:platform-system-engineers')]),
      message: 'through ClusterRole edit',
    },
    {
      name: 'the built-in admin role bound in a medical namespace',
      terraform: roleBinding('admins', 'pacs', 'admin', [{ kind: 'User', name: 'vendor-support', api_group: RBAC }]),
      message: 'User:vendor-support may read Secrets in namespace pacs',
    },
    {
      name: 'a role aggregated into view (so every view holder reads Secrets)',
      terraform: terraform(
        clusterRole(
          'secret-peek',
          [{ api_groups: [''], resources: ['secrets'], verbs: ['list'] }],
          {},
          { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' },
        ),
        roleBinding('viewers', 'emr', 'view', [group('oidc:platform-clinical-liaisons')]),
      ),
      resource: 'kubernetes_role_binding_v1.viewers',
      message: 'through ClusterRole view (list on secrets)',
    },
    {
      name: 'an aggregated role selecting the admin aggregation label, named like a viewer',
      terraform: terraform(
        clusterRole('status-viewer', [], {
          aggregation_rule: { cluster_role_selectors: [{ match_labels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } }] },
        }),
        roleBinding('viewers', 'emr', 'status-viewer', [group('oidc:platform-clinical-liaisons')]),
      ),
      message: 'through ClusterRole status-viewer',
    },
    {
      name: 'a namespaced Role reading Secrets',
      terraform: terraform(
        resource('kubernetes_role_v1', 'peek', {
          metadata: { name: 'peek', namespace: 'his' },
          rule: [{ api_groups: [''], resources: ['secrets'], verbs: ['watch'] }],
        }),
        roleBinding('peek', 'his', 'peek', [{ kind: 'ServiceAccount', name: 'registration', namespace: 'his' }], {}, 'Role'),
      ),
      message: 'ServiceAccount:his/registration may read Secrets in namespace his (medical zone) through Role peek (watch on secrets)',
    },
    {
      name: 'impersonation of service accounts in a medical namespace',
      terraform: terraform(
        clusterRole('impersonator', [{ api_groups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] }]),
        roleBinding('imp', 'emr', 'impersonator', [group('oidc:platform-network-engineers')]),
      ),
      message: 'impersonate on serviceaccounts',
    },
    {
      name: 'the DBA role bound cluster-wide reaches every medical namespace',
      terraform: terraform(dbaRole, clusterRoleBinding('dba-everywhere', 'hospital:database-administrator', [group('oidc:platform-database-administrators')])),
      message: 'may read Secrets in every namespace (medical zone: his, emr, lis, pacs, clinical-data)',
    },
    {
      name: 'the DBA role bound in a clinical system’s namespace (not a data-store namespace)',
      terraform: terraform(dbaRole, roleBinding('dba-emr', 'emr', 'hospital:database-administrator', [group('oidc:platform-database-administrators')])),
      message: 'Group:oidc:platform-database-administrators may read Secrets in namespace emr',
    },
    {
      name: 'the clinical liaison may read Secrets outside the medical zone too',
      terraform: terraform(
        dbaRole,
        roleBinding('liaison-guest', 'guest-services', 'hospital:database-administrator', [group('oidc:platform-clinical-liaisons')], LIAISON),
      ),
      message: 'although the binding stands for the clinical liaison',
    },
    {
      name: 'a role the configuration does not declare, in a medical namespace',
      terraform: roleBinding('mystery', 'emr', 'vendor-operator', [group('oidc:vendor')]),
      message: 'role_ref names ClusterRole vendor-operator, which this configuration does not declare',
    },
    {
      name: 'another plan declares no secret readers: the DBA binding fails',
      terraform: terraform(dbaRole, roleBinding('dba', 'clinical-data', 'hospital:database-administrator', [group('oidc:platform-database-administrators')])),
      options: { plan: planWith({ access: { secretReaders: [] } }) },
      message: 'may read Secrets in namespace clinical-data',
    },
  ],
  skip: [
    {
      name: 'a binding in a namespace outside the medical zone',
      terraform: terraform(dbaRole, roleBinding('ops', 'monitoring', 'hospital:database-administrator', [group('oidc:platform-system-engineers')])),
      resource: 'kubernetes_role_binding_v1.ops',
      message: 'grants nothing in a namespace of the medical zone (monitoring)',
    },
  ],
};
