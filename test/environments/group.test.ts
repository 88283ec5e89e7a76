import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, loadEnvironments } from '../../environments/load';
import { deepMerge } from '../../environments/group';
import { REPO_ROOT } from '../support/environments';
import { tempDir } from '../support/temp-dir';

function groupFolder(groupYaml: string): string {
  const directory = tempDir('group-');
  fs.writeFileSync(path.join(directory, 'north.group.yaml'), groupYaml.replaceAll('ENVIRONMENTS', path.join(REPO_ROOT, 'environments')));
  return directory;
}

const group = `
group: northern-health-group
templates:
  tertiary:
    extends: ENVIRONMENTS/prod.yaml
    overrides:
      site: "{{hospital}} main building"
      cluster: { kubeconfig: { path: ~/.kube/config, context: "{{hospital}}-prod" } }
      backend: { schemaName: "{{hospital}}" }
  county:
    extends: ENVIRONMENTS/staging.yaml
    overrides:
      cluster: { kubeconfig: { path: ~/.kube/config, context: "{{hospital}}" } }
      backend: { secretSuffix: "{{hospital}}" }
hospitals:
  city-central: { template: tertiary }
  river-county: { template: county }
  hill-county:
    template: county
    overrides: { timeZone: Asia/Urumqi }
`;

describe('group files', () => {
  it('expands one environment per hospital from its template, with per-hospital overrides', () => {
    const environments = loadEnvironments(groupFolder(group));
    expect(environments.map((environment) => environment.name)).toEqual(['city-central', 'river-county', 'hill-county']);
    const [central, river, hill] = environments;
    expect(central!.site).toBe('city-central main building');
    expect(central!.cluster).toEqual({ kubeconfig: { path: '~/.kube/config', context: 'city-central-prod' } });
    expect(central!.backend).toMatchObject({ type: 'pg', schemaName: 'city-central' });
    expect(Object.keys(central!.clinicalSystems)).toContain('pacs');
    expect(river!.backend).toMatchObject({ type: 'kubernetes', secretSuffix: 'river-county' });
    expect(river!.timeZone).toBe('Asia/Shanghai');
    expect(hill!.timeZone).toBe('Asia/Urumqi');
  });

  it('validates each expanded environment like a hand-written one and says where it came from', () => {
    const broken = group.replace(
      'overrides: { timeZone: Asia/Urumqi }',
      'overrides: { clinicalSystems: { registration: { autoscaling: { min: 5, max: 3 } } } }',
    );
    expect(() => loadEnvironments(groupFolder(broken))).toThrow(ConfigError);
    try {
      loadEnvironments(groupFolder(broken));
    } catch (error) {
      expect((error as ConfigError).problems).toContainEqual(
        expect.objectContaining({
          file: expect.stringMatching(/north\.group\.yaml$/),
          keyPath: 'hospitals.hill-county.clinicalSystems.registration.autoscaling.max',
          message: expect.stringMatching(
            /^expected a number ≥ min \(5\), got 3 \(in the environment built from template county, which extends .*staging\.yaml\)$/,
          ),
        }),
      );
    }
  });

  it('names an unknown template and a missing base file', () => {
    const broken = group
      .replace('template: county\n    overrides', 'template: rural\n    overrides')
      .replace('ENVIRONMENTS/staging.yaml', 'ENVIRONMENTS/nowhere.yaml');
    try {
      loadEnvironments(groupFolder(broken));
      throw new Error('expected a ConfigError');
    } catch (error) {
      const problems = (error as ConfigError).problems.map((problem) => `${problem.keyPath}: ${problem.message}`);
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^templates\.county\.extends: file not found: .*nowhere\.yaml$/),
          'hospitals.hill-county.template: expected one of the templates (tertiary, county), got "rural"',
        ]),
      );
    }
  });

  it('rejects two environments with the same name', () => {
    const directory = groupFolder(group.replace('city-central:', 'prod:'));
    fs.copyFileSync(path.join(REPO_ROOT, 'environments/prod.yaml'), path.join(directory, 'prod.yaml'));
    expect(() => loadEnvironments(directory)).toThrow(/environment "prod" is also declared in/);
  });

  it('merges mappings key by key and replaces lists', () => {
    expect(deepMerge({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, e: 2 })).toEqual({ a: { b: 1, c: [3] }, d: 1, e: 2 });
  });
});
