/**
 * `check --plan` judges what will run: a deleted resource's old configuration is not judged (only the
 * deletion itself, by change-safety rules), and a plan whose actions are not Terraform's is refused.
 */
import { evaluate } from '../../policies/engine';
import { resourcesFromPlan, InputError } from '../../policies/inputs';
import { selectRules } from '../../policies';
import { hardenedContainer, workload } from '../../policies/rules/fixture-builders';

const source = { file: 'plan.json', environment: 'prod' };
const privilegedPod = (() => {
  const json = workload('kubernetes_pod_v1', 'sniffer', {
    containers: [hardenedContainer('app', { security_context: { privileged: true, allow_privilege_escalation: true } })],
  }) as { resource: Record<string, Record<string, unknown>> };
  return Object.values(json.resource.kubernetes_pod_v1!)[0] as Record<string, unknown>;
})();
const pvc = { metadata: [{ name: 'emr-data', namespace: 'clinical-data' }], spec: [{ access_modes: ['ReadWriteOnce'] }] };
const plan = (...changes: { type: string; name: string; actions: unknown; before: unknown; after: unknown }[]) => ({
  format_version: '1.2',
  resource_changes: changes.map(({ type, name, actions, before, after }) => ({
    address: `${type}.${name}`,
    mode: 'managed',
    type,
    name,
    change: { actions, before, after, after_unknown: {} },
  })),
});
const rules = selectRules(['workload/no-privileged', 'change-safety/protected-resource-deletion']);
const failures = (json: unknown) =>
  evaluate(resourcesFromPlan(json, source), rules)
    .findings.filter((finding) => finding.status === 'fail')
    .map((finding) => `${finding.ruleId} ${finding.resource}`);

describe('check --plan actions', () => {
  it('does not judge the configuration of a resource the plan deletes (removing a privileged pod is the fix)', () => {
    expect(failures(plan({ type: 'kubernetes_pod_v1', name: 'sniffer', actions: ['delete'], before: privilegedPod, after: null }))).toEqual([]);
  });

  it('still judges what a create or replace will run', () => {
    expect(failures(plan({ type: 'kubernetes_pod_v1', name: 'sniffer', actions: ['delete', 'create'], before: privilegedPod, after: privilegedPod }))).toEqual([
      'workload/no-privileged kubernetes_pod_v1.sniffer',
    ]);
  });

  it('still blocks deleting a protected resource', () => {
    expect(failures(plan({ type: 'kubernetes_persistent_volume_claim_v1', name: 'emr', actions: ['delete'], before: pvc, after: null }))).toEqual([
      'change-safety/protected-resource-deletion kubernetes_persistent_volume_claim_v1.emr',
    ]);
  });

  it.each([
    ['actions a string', 'delete'],
    ['an unknown action', ['destroy']],
    ['actions missing', undefined],
    ['a mixed list', ['update', 'delete']],
  ])('refuses a malformed plan (%s), naming the key path', (_, actions) => {
    const json = plan({ type: 'kubernetes_persistent_volume_claim_v1', name: 'emr', actions, before: pvc, after: null });
    expect(() => resourcesFromPlan(json, source)).toThrow(InputError);
    expect(() => resourcesFromPlan(json, source)).toThrow(/plan\.json: resource_changes\[0\]\.change\.actions: expected a list of plan actions/);
  });

  it('refuses a create without planned values', () => {
    expect(() => resourcesFromPlan(plan({ type: 'kubernetes_pod_v1', name: 'p', actions: ['create'], before: null, after: 'x' }), source)).toThrow(
      /resource_changes\[0\]\.change\.after: expected an object or null/,
    );
  });
});
