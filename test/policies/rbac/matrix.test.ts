import * as fs from 'node:fs';
import * as path from 'node:path';
import { runAuditPermissions } from '../../../cli/audit-permissions';
import { buildEstate, resourcesFromTerraformJson } from '../../../policies';
import { can, diffMatrices, isEmptyDiff, MatrixFileError, matrixJson, parseMatrix, permissionMatrix, permissionReports } from '../../../policies/rbac';
import { resource, terraform } from '../../../policies/rules/fixture-builders';
import { tempDir } from '../../support/temp-dir';

const RBAC = 'rbac.authorization.k8s.io';
const clusterRole = (name: string, rule: Record<string, unknown>[]) =>
  resource('kubernetes_cluster_role_v1', name.replaceAll(':', '_'), { metadata: { name }, rule });
const roleBinding = (id: string, namespace: string, role: string, group: string, annotations: Record<string, string> = {}) =>
  resource('kubernetes_role_binding_v1', id, {
    metadata: { name: role, namespace, annotations },
    role_ref: { api_group: RBAC, kind: 'ClusterRole', name: role },
    subject: [{ kind: 'Group', name: group, api_group: RBAC }],
  });

/** Last quarter: the DBA reads the data stores; this quarter the DBA also deletes pods and a new group joins. */
const lastQuarter = terraform(
  clusterRole('hospital:dba', [{ api_groups: ['apps'], resources: ['statefulsets'], verbs: ['get', 'list'] }]),
  roleBinding('dba', 'clinical-data', 'hospital:dba', 'oidc:dba', { 'platform.hospital/role': 'databaseAdministrator' }),
);
const thisQuarter = terraform(
  clusterRole('hospital:dba', [
    { api_groups: ['apps'], resources: ['statefulsets'], verbs: ['get', 'list', 'patch'] },
    { api_groups: [''], resources: ['pods'], verbs: ['delete'] },
  ]),
  roleBinding('dba', 'clinical-data', 'hospital:dba', 'oidc:dba', { 'platform.hospital/role': 'databaseAdministrator' }),
  roleBinding('dba_contractor', 'clinical-data', 'hospital:dba', 'oidc:dba-contractors', { 'platform.hospital/role': 'databaseAdministrator' }),
);

const matrixOf = (json: Record<string, unknown>, environment = 'prod') =>
  permissionMatrix(buildEstate(resourcesFromTerraformJson(json, { file: 'cdk.tf.json', environment })), environment);

describe('permission matrix', () => {
  it('lists role × namespace × resource × verb from the synthesized RBAC objects', () => {
    const matrix = matrixOf(thisQuarter);
    expect(matrix.permissions).toEqual([
      { role: 'databaseAdministrator', namespace: 'clinical-data', apiGroup: '', resource: 'pods', verbs: ['delete'] },
      { role: 'databaseAdministrator', namespace: 'clinical-data', apiGroup: 'apps', resource: 'statefulsets', verbs: ['get', 'list', 'patch'] },
    ]);
    expect(can(matrix, { role: 'databaseAdministrator', verb: 'patch', resource: 'statefulsets', namespace: 'clinical-data' })).toBe(true);
    expect(can(matrix, { role: 'databaseAdministrator', verb: 'patch', resource: 'statefulsets', namespace: 'his' })).toBe(false);
  });

  it('shows a role the input does not declare instead of guessing it, and cluster-admin as everything', () => {
    const matrix = matrixOf(
      terraform(
        roleBinding('edit', 'his', 'edit', 'oidc:vendors'),
        resource('kubernetes_cluster_role_binding_v1', 'admins', {
          metadata: { name: 'admins' },
          role_ref: { api_group: RBAC, kind: 'ClusterRole', name: 'cluster-admin' },
          subject: [{ kind: 'User', name: 'alice', api_group: RBAC }],
        }),
      ),
    );
    expect(matrix.permissions).toContainEqual({ role: 'edit', namespace: 'his', apiGroup: '?', resource: 'edit (not declared)', verbs: ['?'] });
    expect(can(matrix, { role: 'cluster-admin', verb: 'delete', resource: 'secrets', namespace: 'his' })).toBe(true);
  });

  it('diffs two quarters: verbs granted and revoked, members added', () => {
    const diff = diffMatrices(matrixOf(lastQuarter), matrixOf(thisQuarter));
    expect(diff.added).toEqual([
      { role: 'databaseAdministrator', namespace: 'clinical-data', apiGroup: '', resource: 'pods', verbs: ['delete'] },
      { role: 'databaseAdministrator', namespace: 'clinical-data', apiGroup: 'apps', resource: 'statefulsets', verbs: ['patch'] },
    ]);
    expect(diff.removed).toEqual([]);
    expect(diff.subjectsAdded).toEqual([
      { role: 'databaseAdministrator', binding: 'RoleBinding clinical-data/hospital:dba', subject: 'Group:oidc:dba-contractors' },
    ]);
    const reverse = diffMatrices(matrixOf(thisQuarter), matrixOf(lastQuarter));
    expect(reverse.removed).toEqual(diff.added);
    expect(reverse.subjectsRemoved).toEqual(diff.subjectsAdded);
    expect(isEmptyDiff(diffMatrices(matrixOf(thisQuarter), matrixOf(thisQuarter)))).toBe(true);
  });

  it('round-trips through its JSON file and names the file and key of a bad one', () => {
    const matrix = matrixOf(thisQuarter);
    expect(parseMatrix(matrixJson(matrix), 'prod-permissions.json')).toEqual(matrix);
    expect(() => parseMatrix('{', 'q3.json')).toThrow(MatrixFileError);
    expect(() => parseMatrix(JSON.stringify({ ...matrix, permissions: [{ role: 'x' }] }), 'q3.json')).toThrow(/^q3\.json: permissions\.0\.namespace: /);
  });

  it('writes <env>-permissions.json and .md for every environment', () => {
    const estate = buildEstate([
      ...resourcesFromTerraformJson(thisQuarter, { file: 'prod.tf.json', environment: 'prod' }),
      ...resourcesFromTerraformJson(lastQuarter, { file: 'dr.tf.json', environment: 'dr' }),
    ]);
    const reports = permissionReports(estate);
    expect(reports.map((report) => report.fileName)).toEqual(['dr-permissions.json', 'dr-permissions.md', 'prod-permissions.json', 'prod-permissions.md']);
    expect(JSON.parse(reports[2]!.content).environment).toBe('prod');
    expect(reports[3]!.content).toContain('| clinical-data | core | pods | delete |');
  });
});

describe('npm run audit:permissions', () => {
  const directory = tempDir('audit-permissions-');
  const stack = path.join(directory, 'cdktf.out', 'stacks', 'prod');
  fs.mkdirSync(stack, { recursive: true });
  fs.writeFileSync(path.join(stack, 'cdk.tf.json'), JSON.stringify(thisQuarter));
  const previous = path.join(directory, 'prod-permissions-2026Q3.json');
  fs.writeFileSync(previous, matrixJson(matrixOf(lastQuarter)));
  const io = () => {
    const out = { stdout: '', stderr: '' };
    return { out, io: { stdout: (text: string) => void (out.stdout += text), stderr: (text: string) => void (out.stderr += text) } };
  };
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('prints the difference from the previous quarter and writes the new files', async () => {
    const { out, io: streams } = io();
    const reports = path.join(directory, 'reports');
    const code = await runAuditPermissions([path.join(stack, 'cdk.tf.json'), '--previous', previous, '--out', reports], streams);
    expect({ code, stderr: out.stderr.replace(/wrote .*\n/, '') }).toEqual({ code: 0, stderr: '' });
    expect(out.stdout).toContain(`## Changes since ${previous}`);
    expect(out.stdout).toContain('### Granted since');
    expect(out.stdout).toContain('| databaseAdministrator | clinical-data | core | pods | delete |');
    expect(out.stdout).toContain('| added | databaseAdministrator | RoleBinding clinical-data/hospital:dba | Group:oidc:dba-contractors |');
    expect(JSON.parse(fs.readFileSync(path.join(reports, 'prod-permissions.json'), 'utf8'))).toEqual(matrixOf(thisQuarter));
    expect(fs.readFileSync(path.join(reports, 'prod-permissions.md'), 'utf8')).toContain('### Granted since');
  });

  it('diffs the matrix synth wrote (--current), as the compliance workflow does when the gate blocked', async () => {
    const { out, io: streams } = io();
    const blocked = path.join(directory, 'reports-blocked');
    fs.mkdirSync(blocked, { recursive: true });
    fs.writeFileSync(path.join(blocked, 'prod-permissions.json'), matrixJson(matrixOf(thisQuarter)));
    const published = path.join(blocked, 'permissions');
    const code = await runAuditPermissions(['--current', path.join(blocked, 'prod-permissions.json'), '--previous', previous, '--out', published], streams);
    expect({ code, stderr: out.stderr.replace(/wrote .*\n/, '') }).toEqual({ code: 0, stderr: '' });
    expect(out.stdout).toContain('| added | databaseAdministrator | RoleBinding clinical-data/hospital:dba | Group:oidc:dba-contractors |');
    expect(fs.readFileSync(path.join(published, 'prod-permissions.md'), 'utf8')).toContain('### Granted since');
  });

  it('refuses --current with Terraform paths, or of another environment than --previous', async () => {
    const current = path.join(directory, 'dr-permissions.json');
    fs.writeFileSync(current, matrixJson({ ...matrixOf(thisQuarter), environment: 'dr' }));
    const both = io();
    expect(await runAuditPermissions([path.join(stack, 'cdk.tf.json'), '--current', current], both.io)).toBe(2);
    expect(both.out.stderr).toBe('audit:permissions: give either --current FILE or Terraform paths, not both\n');
    const other = io();
    expect(await runAuditPermissions(['--current', current, '--previous', previous], other.io)).toBe(2);
    expect(other.out.stderr).toContain('is environment "dr", but --previous is "prod"');
  });

  it('exits 2 naming the file when the previous matrix is unusable', async () => {
    const broken = path.join(directory, 'broken.json');
    fs.writeFileSync(broken, JSON.stringify({ format: 'something-else' }));
    const { out, io: streams } = io();
    expect(await runAuditPermissions([path.join(stack, 'cdk.tf.json'), '--previous', broken], streams)).toBe(2);
    expect(out.stderr).toMatch(new RegExp(`^audit:permissions: ${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: format: `));
    const missing = await runAuditPermissions([path.join(stack, 'cdk.tf.json'), '--previous', path.join(directory, 'nope.json')], io().io);
    expect(missing).toBe(2);
  });
});
