import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError, loadInputs, resourcesFromPlan, resourcesFromTerraformJson } from '../../policies/inputs';
import { isUnknown, UnknownValue, type Resource } from '../../policies/model';
import { get } from '../../policies/values';
import { tempDir } from '../support/temp-dir';

const fixtures = path.join(__dirname, 'fixtures');

/** Values with every UnknownValue removed (plans add computed attributes such as metadata.uid). */
function known(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(known);
  if (value && typeof value === 'object' && !isUnknown(value)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, inner]) => !isUnknown(inner))
        .map(([key, inner]) => [key, known(inner)]),
    );
  }
  return value;
}
const byAddress = (resources: readonly Resource[]) => new Map(resources.map((resource) => [resource.address, resource]));

describe('input adapters', () => {
  let hcl: Resource[];
  let tfJson: Resource[];
  let plan: Resource[];
  beforeAll(async () => {
    hcl = (await loadInputs([path.join(fixtures, 'hcl')])).resources;
    tfJson = (await loadInputs([path.join(fixtures, 'tfjson')])).resources;
    plan = (await loadInputs([], { plan: path.join(fixtures, 'plan', 'plan.json'), env: 'prod' })).resources;
  });

  it('normalizes the same resources identically from HCL, CDKTF JSON and a plan', () => {
    const fromHcl = byAddress(hcl);
    const fromJson = byAddress(tfJson);
    const fromPlan = byAddress(plan);
    const addresses = [
      'kubernetes_namespace_v1.his',
      'kubernetes_deployment_v1.registration',
      'kubernetes_horizontal_pod_autoscaler_v2.registration',
      'kubernetes_pod_disruption_budget_v1.registration',
      'kubernetes_network_policy_v1.his_default_deny',
    ];
    for (const address of addresses) {
      for (const source of [fromHcl, fromJson, fromPlan]) expect(source.get(address)).toBeDefined();
      expect(fromHcl.get(address)?.values).toEqual(fromJson.get(address)?.values);
      expect(known(fromPlan.get(address)?.values)).toEqual(fromJson.get(address)?.values);
    }
  });

  it('turns nested blocks into lists of objects and keeps map attributes as objects', () => {
    const deployment = byAddress(tfJson).get('kubernetes_deployment_v1.registration')!;
    const values = deployment.values as Record<string, any>;
    expect(Array.isArray(values.metadata)).toBe(true);
    expect(values.metadata[0].labels).toEqual({ 'app.kubernetes.io/name': 'registration', 'platform.hospital/tier': 'core' });
    expect(values.spec[0].selector[0].match_labels).toEqual({ 'app.kubernetes.io/name': 'registration' });
    const container = values.spec[0].template[0].spec[0].container[0];
    expect(container.security_context[0].capabilities[0].drop).toEqual(['ALL']);
    expect(container.resources[0].limits).toEqual({ cpu: '1', memory: '1Gi' });
    expect(values['//']).toBeUndefined();
    expect(deployment.constructPath).toBe('prod/his/registration/deployment');
  });

  it('keeps a Service selector a map but a selector holding match_labels a block', () => {
    const [service] = resourcesFromTerraformJson(
      { resource: { kubernetes_service_v1: { web: { metadata: { name: 'web' }, spec: { selector: { app: 'web' }, port: [{ port: 80 }] } } } } },
      { file: 'x.tf.json', environment: 'dev' },
    );
    expect(get(service.values, 'spec[0].selector')).toEqual({ app: 'web' });
  });

  it('resolves references to static attributes, variable defaults and locals; the rest is unknown', () => {
    const resources = resourcesFromTerraformJson(
      {
        variable: { tag: { type: 'string' }, registry: { default: 'registry.hospital.example' } },
        locals: { team: 'his' },
        resource: {
          kubernetes_namespace_v1: { his: { metadata: { name: 'his' } } },
          kubernetes_config_map_v1: {
            settings: {
              metadata: { name: '${local.team}-settings', namespace: '${kubernetes_namespace_v1.his.metadata[0].name}' },
              data: {
                image: '${var.registry}/app:${var.tag}',
                uid: '${kubernetes_namespace_v1.his.metadata[0].uid}',
                zone: '${data.aws_region.current.name}',
                literal: 'costs $${price}',
              },
            },
          },
        },
      },
      { file: 'refs.tf.json', environment: 'staging' },
    );
    const configMap = byAddress(resources).get('kubernetes_config_map_v1.settings')!;
    expect(get(configMap.values, 'metadata[0].namespace')).toBe('his');
    expect(get(configMap.values, 'metadata[0].name')).toBe('his-settings');
    const data = get(configMap.values, 'data') as Record<string, unknown>;
    expect(data.image).toBeInstanceOf(UnknownValue);
    expect((data.image as UnknownValue).reason).toBe('var.tag');
    expect((data.image as UnknownValue).template).toBe('${var.registry}/app:${var.tag}');
    expect((data.uid as UnknownValue).reason).toBe('kubernetes_namespace_v1.his.metadata[0].uid');
    expect(isUnknown(data.zone)).toBe(true);
    expect(data.literal).toBe('costs ${price}');
  });

  it('merges after_unknown of a plan as UnknownValue and keeps actions and before', () => {
    const deployment = byAddress(plan).get('kubernetes_deployment_v1.registration')!;
    expect(isUnknown(get(deployment.values, 'metadata[0].uid'))).toBe(true);
    expect(get(deployment.values, 'metadata[0].name')).toBe('registration');
    expect(deployment.change).toEqual({ actions: ['create'], before: null });
    expect(plan.some((resource) => resource.address.startsWith('data.'))).toBe(false);
  });

  it('reads module resources from planned_values when a plan has no resource_changes', () => {
    const resources = resourcesFromPlan(
      {
        format_version: '1.2',
        planned_values: {
          root_module: {
            resources: [
              { address: 'kubernetes_namespace_v1.a', mode: 'managed', type: 'kubernetes_namespace_v1', name: 'a', values: { metadata: [{ name: 'a' }] } },
            ],
            child_modules: [
              {
                address: 'module.his',
                resources: [
                  {
                    address: 'module.his.kubernetes_namespace_v1.b',
                    mode: 'managed',
                    type: 'kubernetes_namespace_v1',
                    name: 'b',
                    values: { metadata: [{ name: 'b' }] },
                  },
                ],
              },
            ],
          },
        },
      },
      { file: 'plan.json', environment: 'prod' },
    );
    expect(resources.map((resource) => resource.address)).toEqual(['kubernetes_namespace_v1.a', 'module.his.kubernetes_namespace_v1.b']);
  });

  it('derives the environment from cdktf.out/stacks/<env>/, else the folder name, unless --env is given', async () => {
    expect(new Set(tfJson.map((resource) => resource.environment))).toEqual(new Set(['prod']));
    expect(new Set(hcl.map((resource) => resource.environment))).toEqual(new Set(['hcl']));
    const overridden = await loadInputs([path.join(fixtures, 'hcl')], { env: 'staging' });
    expect(new Set(overridden.resources.map((resource) => resource.environment))).toEqual(new Set(['staging']));
  });

  it('adds the state backend as the synthetic terraform_backend resource', () => {
    for (const resources of [hcl, tfJson]) {
      const backend = byAddress(resources).get('terraform.backend')!;
      expect(backend.type).toBe('terraform_backend');
      expect(backend.values).toEqual({ type: 's3', config: expect.objectContaining({ bucket: 'hospital-tfstate', use_lockfile: true }), declared: true });
    }
    // A configuration without a backend block (a module, or a root module on local state) is told apart.
    const [none] = resourcesFromTerraformJson({ resource: {} }, { file: 'a.tf.json', environment: 'dev' });
    expect(none.values).toEqual({ type: 'local', config: {}, declared: false });
  });

  it('reports unusable input as InputError naming the file', async () => {
    const temp = tempDir('policy-inputs-');
    fs.writeFileSync(path.join(temp, 'broken.tf'), 'resource "kubernetes_pod_v1" "x" {\n  metadata {\n');
    fs.mkdirSync(path.join(temp, 'empty'));
    const cases: [string[], RegExp][] = [
      [[path.join(fixtures, 'invalid', 'bad.tf.json')], /bad\.tf\.json: invalid JSON/],
      [[path.join(fixtures, 'invalid', 'not-terraform.json')], /not-terraform\.json: not Terraform JSON/],
      [[path.join(temp, 'missing.tf.json')], /missing\.tf\.json: no such file or folder/],
      [[path.join(temp, 'broken.tf')], /broken\.tf: invalid HCL/],
      [[path.join(temp, 'empty')], /empty: no Terraform files/],
    ];
    for (const [paths, message] of cases) {
      await expect(loadInputs(paths)).rejects.toThrow(InputError);
      await expect(loadInputs(paths)).rejects.toThrow(message);
    }
    expect(() => resourcesFromPlan({ resource: {} }, { file: 'p.json', environment: 'x' })).toThrow(/p\.json: not a Terraform plan/);
    expect(() => resourcesFromTerraformJson({ resource: { kubernetes_pod_v1: { x: 'oops' } } }, { file: 'k.tf.json', environment: 'x' })).toThrow(
      'k.tf.json: resource.kubernetes_pod_v1.x: expected an object',
    );
  });
});
