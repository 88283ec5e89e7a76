/** AccessControl built from props: each operations role bound to its group, in the namespaces its duty covers. */
import { Testing, TerraformStack } from 'cdktf';
import { AccessControl, type AccessControlProps } from '../../../constructs/access-control';
import { buildEstate, resourcesFromTerraformJson } from '../../../policies';
import { can, namespacesOf, permissionMatrix } from '../../../policies/rbac';
import { testingApp } from '../../support/testing-app';

const props: AccessControlProps = {
  identityProvider: 'hospital-sso (OIDC)',
  groups: {
    operationsLead: 'oidc:lead',
    systemEngineer: 'oidc:engineers',
    networkEngineer: 'oidc:network',
    databaseAdministrator: 'oidc:dba',
    securityOfficer: 'oidc:security',
    clinicalLiaison: 'oidc:liaison',
  },
  namespaces: {
    application: ['his', 'emr', 'guest-services', 'dmz-ingress'],
    clinical: ['his', 'emr'],
    dataStore: ['clinical-data'],
    audit: ['security'],
    operations: ['monitoring', 'backup'],
  },
  breakGlass: { group: 'platform:break-glass', expires: '2027-02-15', reason: 'incident response', approver: 'security-officer@hospital.example' },
};
const allNamespaces = [...new Set(Object.values(props.namespaces).flat())];

function synth(): Record<string, any> {
  const stack = new TerraformStack(testingApp(), 'test');
  new AccessControl(stack, 'access', props);
  return JSON.parse(Testing.synth(stack));
}

describe('AccessControl from props', () => {
  const json = synth();
  const estate = buildEstate(resourcesFromTerraformJson(json, { file: 'cdk.tf.json', environment: 'test' }));
  const matrix = permissionMatrix(estate, 'test');

  it('binds every operations role to its identity-provider group', () => {
    for (const [role, group] of Object.entries(props.groups)) {
      const subjects = matrix.bindings.filter((binding) => binding.role === role).flatMap((binding) => binding.subjects);
      expect({ role, subjects: [...new Set(subjects)] }).toEqual({ role, subjects: [`Group:${group}`] });
    }
  });

  it('lets the database administrator reach only the data-store namespaces, and never delete in a clinical one', () => {
    expect(namespacesOf(matrix, 'databaseAdministrator')).toEqual(['clinical-data']);
    for (const verb of ['delete', 'patch', 'get', 'create']) {
      for (const resource of ['pods', 'deployments', 'secrets', 'persistentvolumeclaims']) {
        expect(can(matrix, { role: 'databaseAdministrator', verb, resource, namespace: 'his' })).toBe(false);
      }
    }
    // In the data stores the DBA restarts pods but cannot delete the data store or its volumes.
    expect(can(matrix, { role: 'databaseAdministrator', verb: 'delete', resource: 'pods', namespace: 'clinical-data' })).toBe(true);
    expect(can(matrix, { role: 'databaseAdministrator', verb: 'delete', resource: 'statefulsets', namespace: 'clinical-data' })).toBe(false);
    expect(can(matrix, { role: 'databaseAdministrator', verb: 'delete', resource: 'persistentvolumeclaims', namespace: 'clinical-data' })).toBe(false);
  });

  it('lets the security officer read but never change workloads', () => {
    for (const namespace of allNamespaces) {
      for (const resource of ['deployments', 'statefulsets', 'daemonsets', 'pods', 'cronjobs', 'deployments/scale']) {
        for (const verb of ['create', 'update', 'patch', 'delete']) {
          expect({ namespace, resource, verb, allowed: can(matrix, { role: 'securityOfficer', verb, resource, namespace }) }).toEqual({
            namespace,
            resource,
            verb,
            allowed: false,
          });
        }
      }
    }
    expect(can(matrix, { role: 'securityOfficer', verb: 'get', resource: 'deployments', namespace: 'his', apiGroup: 'apps' })).toBe(true);
    expect(can(matrix, { role: 'securityOfficer', verb: 'list', resource: 'rolebindings', namespace: 'his' })).toBe(true);
    expect(can(matrix, { role: 'securityOfficer', verb: 'get', resource: 'pods/log', namespace: 'security' })).toBe(true);
    expect(can(matrix, { role: 'securityOfficer', verb: 'get', resource: 'secrets', namespace: 'his' })).toBe(false);
  });

  it('keeps the system engineer away from audit data (separation of duties)', () => {
    for (const resource of ['pods/log', 'configmaps', 'secrets', 'events']) {
      expect(can(matrix, { role: 'systemEngineer', verb: 'get', resource, namespace: 'security' })).toBe(false);
    }
    expect(can(matrix, { role: 'systemEngineer', verb: 'patch', resource: 'deployments', namespace: 'his' })).toBe(true);
    expect(can(matrix, { role: 'systemEngineer', verb: 'get', resource: 'secrets', namespace: 'his' })).toBe(false);
  });

  it('gives the clinical liaison status reads only, and nobody but break-glass RBAC changes', () => {
    const liaison = matrix.permissions.filter((row) => row.role === 'clinicalLiaison');
    expect(liaison.length).toBeGreaterThan(0);
    for (const row of liaison) expect(row.verbs).toEqual(['get', 'list', 'watch']);
    expect(liaison.map((row) => row.resource)).not.toContain('secrets');
    expect(liaison.map((row) => row.resource)).not.toContain('pods/log');
    for (const role of Object.keys(props.groups)) {
      for (const namespace of props.namespaces.application) {
        expect(can(matrix, { role, verb: 'create', resource: 'rolebindings', namespace })).toBe(false);
      }
    }
    expect(can(matrix, { role: 'breakGlass', verb: 'create', resource: 'rolebindings', namespace: 'his' })).toBe(true);
  });

  it('grants no wildcard outside the built-in cluster-admin of break-glass', () => {
    const wildcards = matrix.permissions.filter((row) => row.role !== 'breakGlass' && [row.apiGroup, row.resource, ...row.verbs].includes('*'));
    expect(wildcards).toEqual([]);
  });

  it('binds break-glass to cluster-admin with its expiry, reason and approver', () => {
    const bindings = Object.values(json.resource.kubernetes_cluster_role_binding_v1) as Record<string, any>[];
    const binding = bindings.find((entry) => entry.metadata.name === 'hospital:break-glass')!;
    expect(binding.role_ref.name).toBe('cluster-admin');
    expect(binding.subject).toEqual([{ kind: 'Group', name: 'platform:break-glass', api_group: 'rbac.authorization.k8s.io' }]);
    expect(binding.metadata.annotations).toMatchObject({
      'platform.hospital/expires': '2027-02-15',
      'platform.hospital/approver': 'security-officer@hospital.example',
    });
    expect(Object.values(binding.metadata.annotations)).toContain('incident response');
  });
});
