/**
 * Rule profiles (issue 16, item 10) and policy options from each environment's own file (issue 17,
 * item 3): the hospital's own rules stay off other people's Terraform unless asked for, and this
 * repository's environments are judged by what they declare, never by their names.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { policyEnvironments, policyFactsOf } from '../../environments/policy-facts';
import { allRules, checkResources, loadInputs, loadPlan, resourcesFromTerraformJson, RULE_PROFILES, selectRules, type Finding } from '../../policies';
import { NOT_APPLIED } from '../../policies/engine';
import { resource, terraform, workload } from '../../policies/rules/fixture-builders';
import { shippedEnvironment } from '../support/environments';

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-profiles-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

const RBAC = 'rbac.authorization.k8s.io';
/** Someone else's Terraform: a workload and a cluster-admin binding, no monitoring, no plan. */
const foreignTerraform = terraform(
  workload('kubernetes_deployment_v1', 'web', { namespace: 'shop' }),
  resource('kubernetes_cluster_role_binding_v1', 'ops', {
    metadata: { name: 'ops' },
    role_ref: { api_group: RBAC, kind: 'ClusterRole', name: 'cluster-admin' },
    subject: [{ kind: 'Group', name: 'ops-admins', api_group: RBAC }],
  }),
);
const foreign = () => resourcesFromTerraformJson(foreignTerraform, { file: 'other/main.tf.json', environment: 'other' });
const failuresOf = (findings: readonly Finding[], prefix: string) =>
  findings.filter((finding) => finding.status === 'fail' && finding.ruleId.startsWith(prefix));

describe('rule profiles', () => {
  it('every registered rule declares a profile, and the hospital-specific categories are platform rules', () => {
    for (const rule of allRules) expect([rule.id, RULE_PROFILES.includes(rule.profile)]).toEqual([rule.id, true]);
    const platformCategories = ['availability/', 'backup/', 'delivery/', 'dr/', 'intrusion-detection/', 'monitoring/', 'plan/', 'retention/'];
    for (const rule of allRules.filter((entry) => platformCategories.some((category) => entry.id.startsWith(category))))
      expect([rule.id, rule.profile]).toEqual([rule.id, 'platform']);
    for (const id of [
      'rbac/break-glass-expiry',
      'rbac/break-glass-expiry-soon',
      'rbac/separation-of-duties',
      'network/segment-isolation',
      'helm/atomic-in-production',
    ]) {
      expect([id, allRules.find((rule) => rule.id === id)?.profile]).toEqual([id, 'platform']);
    }
    for (const prefix of ['workload/', 'secrets/']) expect(allRules.filter((rule) => rule.id.startsWith(prefix) && rule.profile !== 'generic')).toEqual([]);
  });

  it('does not judge the state of an HCL child module folder (no backend block)', async () => {
    const module = path.join(temp, 'modules', 'namespace');
    fs.mkdirSync(module, { recursive: true });
    fs.writeFileSync(
      path.join(module, 'main.tf'),
      'variable "name" {\n  type = string\n}\n\nresource "kubernetes_namespace_v1" "this" {\n  metadata {\n    name = var.name\n  }\n}\n',
    );
    const { resources } = await loadInputs([module]);
    const state = checkResources(resources, { profile: 'auto' }).findings.filter((finding) => finding.ruleId === 'state/remote-backend-locking');
    expect(state).toEqual([expect.objectContaining({ status: 'not-applicable', message: expect.stringContaining('no backend block: a module') })]);
  });

  it('still fails a declared backend without locking in anyone’s root module', async () => {
    const root = path.join(temp, 'root');
    fs.mkdirSync(root, { recursive: true });
    fs.writeFileSync(path.join(root, 'main.tf'), 'terraform {\n  backend "s3" {\n    bucket = "b"\n    key    = "k"\n    region = "r"\n  }\n}\n');
    const { resources } = await loadInputs([root]);
    expect(failuresOf(checkResources(resources, { profile: 'auto' }).findings, 'state/')).toHaveLength(1);
  });

  it('leaves a cluster-admin binding outside the platform to no-cluster-admin, without break-glass expiry', () => {
    const { findings } = checkResources(foreign(), { profile: 'auto' });
    expect(failuresOf(findings, 'rbac/break-glass-expiry')).toEqual([]);
    expect(findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'rbac/break-glass-expiry',
        status: 'not-applicable',
        resource: NOT_APPLIED,
        environment: 'other',
        file: 'other/main.tf.json',
      }),
    );
    // Least privilege is generic: no group may hold cluster-admin in input that declares no break-glass group.
    expect(failuresOf(findings, 'rbac/no-cluster-admin')).toHaveLength(1);
  });

  it('does not fail monitoring and retention rules on generic input, and lists them as not applied', () => {
    const { findings } = checkResources(foreign(), { profile: 'auto' });
    expect([...failuresOf(findings, 'monitoring/'), ...failuresOf(findings, 'retention/')]).toEqual([]);
    const notApplied = findings.filter((finding) => finding.resource === NOT_APPLIED).map((finding) => finding.ruleId);
    expect(notApplied).toEqual(expect.arrayContaining(['monitoring/core-systems-alerted', 'retention/operation-logs']));
    expect(findings.find((finding) => finding.ruleId === 'monitoring/core-systems-alerted')?.message).toMatch(
      /platform rule.*other is not one of this repository's environments/,
    );
  });

  it('applies the platform rules to any input when asked, with the file they are about', () => {
    const { findings } = checkResources(foreign(), { profile: 'platform' });
    const forced = findings.filter((finding) => /^(monitoring|retention)\//.test(finding.ruleId));
    // Forced, the break-glass rule judges the foreign cluster-admin binding (it carries no expiry).
    expect(failuresOf(findings, 'rbac/break-glass-expiry')).toEqual([
      expect.objectContaining({ resource: 'kubernetes_cluster_role_binding_v1.ops', message: expect.stringContaining('never expires') }),
    ]);
    for (const finding of forced)
      expect([finding.ruleId, finding.resource === NOT_APPLIED, finding.file]).toEqual([finding.ruleId, false, 'other/main.tf.json']);
    // The platform profile alone leaves the generic rules out, and says so.
    expect(findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'workload/no-privileged',
        status: 'not-applicable',
        message: expect.stringContaining('applies the platform profile only'),
      }),
    );
  });
});

describe('policy options from the environment files', () => {
  it('fails local state in an environment its file marks as production, naming it (the gate, not the loader, judges it)', () => {
    const prod = { ...shippedEnvironment('prod'), name: 'hospital-002', backend: { type: 'local' as const, path: 'terraform.tfstate' } };
    const staging = shippedEnvironment('staging');
    const resources = [
      ...resourcesFromTerraformJson(
        { terraform: { backend: { local: { path: 'terraform.tfstate' } } } },
        { file: 'hospital-002.tf.json', environment: 'hospital-002' },
      ),
      ...resourcesFromTerraformJson({ terraform: { backend: { local: { path: 'terraform.tfstate' } } } }, { file: 'dev.tf.json', environment: 'dev' }),
    ];
    const { findings } = checkResources(resources, {
      profile: 'auto',
      rules: selectRules(['state/*']),
      policyOptions: { environments: { ...policyEnvironments([prod, staging], loadPlan()), dev: policyFactsOf(shippedEnvironment('dev'), loadPlan()) } },
    });
    expect(findings).toEqual([
      expect.objectContaining({
        environment: 'hospital-002',
        status: 'fail',
        message: expect.stringContaining('backend is local: hospital-002 keeps its state'),
      }),
      expect.objectContaining({ environment: 'dev', status: 'not-applicable', message: 'dev may keep local state (backend "local")' }),
    ]);
  });
});
