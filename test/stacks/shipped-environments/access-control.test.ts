/** Access control as prod and dev declare it, and the rbac rules on it (the construct from props: test/constructs/access-control). */
import { buildEstate, loadPlan, resourcesFromTerraformJson } from '../../../policies';
import { can, namespacesOf, permissionMatrix } from '../../../policies/rbac';
import { rules as rbacRules } from '../../../policies/rules/rbac';
import { evaluate } from '../../../policies/engine';
import { policyEnvironments } from '../../../environments/policy-facts';
import { findByName, resourcesOfType, shippedEnvironment, synthEnvironment } from '../../support/synth';

describe.each(['prod', 'dev'])('access control in %s', (name) => {
  const environment = shippedEnvironment(name);
  const { json } = synthEnvironment(environment);
  const estate = buildEstate(resourcesFromTerraformJson(json, { file: `cdktf.out/stacks/${name}/cdk.tf.json`, environment: name }));
  const matrix = permissionMatrix(estate, name);
  const applicationNamespaces = Object.entries(environment.namespaces)
    .filter(([, namespace]) => namespace.segment !== 'management')
    .map(([namespace]) => namespace);

  it('binds every operations role to its identity-provider group', () => {
    for (const [role, group] of Object.entries(environment.access!.groups)) {
      const subjects = matrix.bindings.filter((binding) => binding.role === role).flatMap((binding) => binding.subjects);
      expect({ role, subjects: [...new Set(subjects)] }).toEqual({ role, subjects: [`Group:${group}`] });
    }
  });

  it('lets the database administrator reach only the data-store namespaces, and never delete in his', () => {
    expect(namespacesOf(matrix, 'databaseAdministrator')).toEqual(environment.access!.dataStoreNamespaces);
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
    for (const namespace of Object.keys(environment.namespaces)) {
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
    for (const namespace of environment.access!.auditNamespaces) {
      for (const resource of ['pods/log', 'configmaps', 'secrets', 'events']) {
        expect(can(matrix, { role: 'systemEngineer', verb: 'get', resource, namespace })).toBe(false);
      }
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
    for (const role of Object.keys(environment.access!.groups)) {
      for (const namespace of applicationNamespaces) {
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
    const binding = findByName(json, 'kubernetes_cluster_role_binding_v1', 'hospital:break-glass');
    expect(binding.role_ref.name).toBe('cluster-admin');
    expect(binding.subject).toEqual([{ kind: 'Group', name: environment.access!.breakGlass.group, api_group: 'rbac.authorization.k8s.io' }]);
    expect(binding.metadata.annotations).toMatchObject({
      'platform.hospital/expires': environment.access!.breakGlass.expires,
      'platform.hospital/approver': environment.access!.breakGlass.approver,
    });
  });

  it('passes every rbac/* rule', () => {
    const findings = evaluate(estate.resources, rbacRules, {
      policyOptions: { today: '2026-11-26', environments: policyEnvironments([environment], loadPlan()) },
    }).findings;
    expect(findings.filter((finding) => finding.status === 'fail').map((finding) => `${finding.ruleId} ${finding.resource}: ${finding.message}`)).toEqual([]);
    expect(new Set(findings.filter((finding) => finding.status === 'pass').map((finding) => finding.ruleId))).toEqual(
      new Set([
        'rbac/no-wildcards',
        'rbac/no-cluster-admin',
        'rbac/medical-secrets-readers',
        'rbac/separation-of-duties',
        'rbac/break-glass-expiry',
        'rbac/break-glass-expiry-soon',
        'rbac/default-service-account-unbound',
        'rbac/medical-pod-exec',
      ]),
    );
    expect(Object.keys(resourcesOfType(json, 'kubernetes_role_binding_v1')).length).toBeGreaterThan(0);
  });
});
