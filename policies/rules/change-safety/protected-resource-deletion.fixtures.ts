import { LABELS, LABEL_VALUES } from '../../labels';
import type { RuleFixtures } from '../fixtures';
import { resource } from '../fixture-builders';

const change = (type: string, name: string, actions: string[], before: Record<string, unknown> | null, after: Record<string, unknown> | null) => ({
  address: `${type}.${name}`,
  mode: 'managed',
  type,
  name,
  provider_name: 'registry.terraform.io/hashicorp/kubernetes',
  change: { actions, before, after, after_unknown: {} },
});
const plan = (...changes: ReturnType<typeof change>[]) => ({ format_version: '1.2', terraform_version: '1.9.8', resource_changes: changes });

const pvc = {
  metadata: [{ name: 'emr-data', namespace: 'emr', labels: {} }],
  spec: [{ access_modes: ['ReadWriteOnce'], resources: [{ requests: { storage: '100Gi' } }] }],
};
const medicalNamespace = { metadata: [{ name: 'emr', labels: { [LABELS.dataClass]: LABEL_VALUES.medicalRecord } }] };
const unlabelledNamespace = (name: string) => ({ metadata: [{ name, labels: {} }] });

export const protectedResourceDeletionFixtures: RuleFixtures = {
  ruleId: 'change-safety/protected-resource-deletion',
  pass: [
    {
      name: 'PVC updated in place',
      plan: plan(change('kubernetes_persistent_volume_claim_v1', 'emr_data', ['update'], pvc, pvc)),
      message: 'plan actions: update',
    },
    { name: 'PVC unchanged', plan: plan(change('kubernetes_persistent_volume_claim_v1', 'emr_data', ['no-op'], pvc, pvc)), message: 'plan actions: no-op' },
    {
      name: 'plan entry without change (no-op)',
      plan: plan(change('kubernetes_persistent_volume_claim_v1', 'emr_data', ['no-op'], pvc, pvc)),
      message: 'plan actions: no-op',
    },
    {
      name: 'medical-record namespace created (no prior state: its planned labels count)',
      plan: plan(change('kubernetes_namespace_v1', 'emr', ['create'], null, medicalNamespace)),
      resource: 'kubernetes_namespace_v1.emr',
      message: 'plan actions: create',
    },
  ],
  fail: [
    {
      name: 'PVC replaced',
      plan: plan(change('kubernetes_persistent_volume_claim_v1', 'emr_data', ['delete', 'create'], pvc, pvc)),
      resource: 'kubernetes_persistent_volume_claim_v1.emr_data',
      message: 'replaces',
    },
    { name: 'medical-record namespace deleted', plan: plan(change('kubernetes_namespace_v1', 'emr', ['delete'], medicalNamespace, null)), message: 'deletes' },
    {
      name: 'stateful set replaced',
      plan: plan(change('kubernetes_stateful_set_v1', 'emr_db', ['create', 'delete'], { metadata: [{ name: 'emr-db' }] }, { metadata: [{ name: 'emr-db' }] })),
      message: 'replaces',
    },
    {
      name: 'medical-record namespace replaced by one without the label (the label it had counts)',
      plan: plan(change('kubernetes_namespace_v1', 'emr', ['delete', 'create'], medicalNamespace, unlabelledNamespace('emr'))),
      resource: 'kubernetes_namespace_v1.emr',
      message: 'the plan replaces this protected resource (actions: delete, create)',
    },
    {
      name: 'PVC deleted',
      plan: plan(change('kubernetes_persistent_volume_claim_v1', 'emr_data', ['delete'], pvc, null)),
      message: 'the plan deletes this protected resource (actions: delete)',
    },
  ],
  skip: [
    {
      name: 'namespace without the medical-record label deleted',
      plan: plan(change('kubernetes_namespace_v1', 'guest', ['delete'], unlabelledNamespace('guest'), null)),
      resource: 'kubernetes_namespace_v1.guest',
      message: `namespace not labelled ${LABELS.dataClass}: ${LABEL_VALUES.medicalRecord}`,
    },
    {
      name: 'PVC read from Terraform JSON (no plan, no actions to judge)',
      terraform: resource('kubernetes_persistent_volume_claim_v1', 'emr_data', {
        metadata: { name: 'emr-data', namespace: 'emr' },
        spec: { access_modes: ['ReadWriteOnce'], resources: { requests: { storage: '100Gi' } } },
      }),
      resource: 'kubernetes_persistent_volume_claim_v1.emr_data',
      message: 'not read from a plan',
    },
  ],
};
