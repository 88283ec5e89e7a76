/**
 * Rule profiles and policy options on synthesized stacks (full suite: each test synthesizes a shipped
 * environment or one generated from prod); profiles.test.ts holds the rest, in the unit tier.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadEnvironments } from '../../environments/load';
import { policyEnvironments, policyFactsOf } from '../../environments/policy-facts';
import { checkResources, loadPlan, resourcesFromTerraformJson, selectRules } from '../../policies';
import { NOT_APPLIED } from '../../policies/engine';
import { REPO_ROOT, shippedEnvironment, synthEnvironment } from '../support/synth';
import { tempDir } from '../support/temp-dir';

describe('rule profiles on the shipped stacks', () => {
  it('applies every rule to the shipped stacks', () => {
    const environments = ['prod', 'dev'].map(shippedEnvironment);
    const resources = environments.flatMap((environment) =>
      resourcesFromTerraformJson(synthEnvironment(environment).json, { file: `${environment.name}.tf.json`, environment: environment.name }),
    );
    const { findings } = checkResources(resources, { profile: 'auto', policyOptions: { environments: policyEnvironments(environments, loadPlan()) } });
    expect(findings.filter((finding) => finding.resource === NOT_APPLIED)).toEqual([]);
    expect(findings.filter((finding) => finding.ruleId === 'rbac/break-glass-expiry' && finding.status === 'pass').length).toBeGreaterThan(0);
  });
});

describe('policy options from the environment files, synthesized', () => {
  const groupFolder = () => {
    const directory = tempDir('policy-profiles-group-');
    fs.writeFileSync(
      path.join(directory, 'north.group.yaml'),
      [
        'group: northern-health-group',
        'templates:',
        '  tertiary:',
        `    extends: ${path.join(REPO_ROOT, 'environments', 'prod.yaml')}`,
        '    overrides:',
        '      cluster: { kubeconfig: { path: ~/.kube/config, context: "{{hospital}}-prod" } }',
        '      backend: { schemaName: "{{hospital}}" }',
        'hospitals:',
        '  hospital-001: { template: tertiary }',
        '',
      ].join('\n'),
    );
    return directory;
  };

  it('holds a hospital generated from prod to the production rules', () => {
    const [hospital] = loadEnvironments(groupFolder());
    expect(hospital!.name).toBe('hospital-001');
    expect(policyFactsOf(hospital!, loadPlan())).toEqual({
      production: true,
      localStateAllowed: false,
      breakGlassGroups: [hospital!.access!.breakGlass.group],
      auditNamespaces: hospital!.access!.auditNamespaces,
    });
    const resources = resourcesFromTerraformJson(synthEnvironment(hospital!).json, { file: 'hospital-001.tf.json', environment: 'hospital-001' });
    const { findings } = checkResources(resources, {
      profile: 'auto',
      rules: selectRules(['helm/atomic-in-production', 'plan/*', 'rbac/no-cluster-admin']),
      policyOptions: { environments: policyEnvironments([hospital!], loadPlan()) },
    });
    expect(findings.filter((finding) => /not a production environment/.test(finding.message))).toEqual([]);
    expect(findings.filter((finding) => finding.ruleId === 'helm/atomic-in-production' && finding.status === 'pass').length).toBeGreaterThan(0);
    // Its own break-glass group, from its file, is the one allowed cluster-admin.
    expect(findings.filter((finding) => finding.status === 'fail')).toEqual([]);
  });
});
