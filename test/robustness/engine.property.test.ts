import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkResources, InputError, loadInputs, resourcesFromPlan, resourcesFromTerraformJson, type Resource } from '../../policies';
import { tempDir } from '../support/temp-dir';

/**
 * The policy engine never throws on what it is given: unusable input is reported as such (an
 * InputError naming the file), anything Terraform-shaped is evaluated, however strange its values.
 */
const source = { file: 'fuzz.tf.json', environment: 'prod' };
const TYPES = [
  'kubernetes_deployment_v1',
  'kubernetes_deployment',
  'kubernetes_pod_v1',
  'kubernetes_cron_job_v1',
  'kubernetes_daemon_set_v1',
  'kubernetes_stateful_set_v1',
  'kubernetes_namespace_v1',
  'kubernetes_network_policy_v1',
  'kubernetes_role_v1',
  'kubernetes_cluster_role_binding_v1',
  'kubernetes_secret_v1',
  'kubernetes_horizontal_pod_autoscaler_v2',
  'kubernetes_persistent_volume_claim_v1',
  'kubernetes_storage_class_v1',
  'kubernetes_ingress_v1',
  'helm_release',
];

/** JSON values biased towards Kubernetes-looking shapes: blocks as objects or lists, labels, containers. */
const kubernetesish: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue(),
    fc.constantFrom('${var.unknown}', '${kubernetes_namespace_v1.x.metadata[0].name}', 'latest', '0', 'ALL', 'privileged'),
    fc.dictionary(
      fc.constantFrom(
        'metadata',
        'spec',
        'template',
        'container',
        'security_context',
        'labels',
        'name',
        'namespace',
        'image',
        'privileged',
        'host_network',
        'rule',
        'verbs',
        'values',
        'set',
        'data',
        'min_replicas',
        'schedule',
      ),
      tie('value'),
      { maxKeys: 5 },
    ),
    fc.array(tie('value'), { maxLength: 3 }),
  ),
})).value;

const terraformDocument = fc.record({
  resource: fc.dictionary(fc.constantFrom(...TYPES), fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), kubernetesish, { maxKeys: 3 }), { maxKeys: 4 }),
  terraform: fc.option(fc.record({ backend: fc.dictionary(fc.constantFrom('local', 's3', 'pg', 'kubernetes'), kubernetesish, { maxKeys: 1 }) }), {
    nil: undefined,
  }),
});

const planDocument = fc.record({
  format_version: fc.constant('1.2'),
  resource_changes: fc.array(
    fc.record({
      address: fc.string(),
      type: fc.constantFrom(...TYPES, 'other'),
      name: fc.string(),
      change: fc.record({
        actions: fc.array(fc.constantFrom('create', 'delete', 'update', 'no-op', 'read'), { maxLength: 2 }),
        before: kubernetesish,
        after: kubernetesish,
        after_unknown: kubernetesish,
      }),
    }),
    { maxLength: 4 },
  ),
});

function neverThrowsButInputError(load: () => Resource[]): void {
  let resources: Resource[];
  try {
    resources = load();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).file).toBe(source.file);
    return;
  }
  const result = checkResources(resources);
  for (const finding of result.findings) {
    expect(['pass', 'fail', 'waived', 'not-applicable']).toContain(finding.status);
    expect(typeof finding.message).toBe('string');
  }
}

describe('policy engine, property-based', () => {
  it('arbitrary JSON is either rejected as unusable or evaluated', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => neverThrowsButInputError(() => resourcesFromTerraformJson(json, source))),
      { numRuns: 300 },
    );
  });

  it('Terraform-shaped documents with arbitrary values are evaluated without throwing', () => {
    fc.assert(
      fc.property(terraformDocument, (json) => neverThrowsButInputError(() => resourcesFromTerraformJson(json, source))),
      { numRuns: 300 },
    );
  });

  it('plan-shaped documents with arbitrary changes are evaluated without throwing', () => {
    fc.assert(
      fc.property(planDocument, (json) => neverThrowsButInputError(() => resourcesFromPlan(json, source))),
      { numRuns: 300 },
    );
  });

  it('arbitrary file contents are either unusable input or evaluated', async () => {
    const directory = tempDir('engine-fuzz-');
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 200 }),
            terraformDocument.map((doc) => JSON.stringify(doc)),
          ),
          async (text) => {
            const file = path.join(directory, 'fuzz.tf.json');
            fs.writeFileSync(file, text);
            try {
              checkResources((await loadInputs([file])).resources);
            } catch (error) {
              expect(error).toBeInstanceOf(InputError);
            }
          },
        ),
        { numRuns: 150 },
      );
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
