import { LABELS, LABEL_VALUES } from '../../labels';
import type { RuleFixtures } from '../fixtures';

const change = (type: string, name: string, actions: string[], before: Record<string, unknown> | null, after: Record<string, unknown> | null) => ({
  address: `${type}.${name}`,
  mode: 'managed',
  type,
  name,
  provider_name: 'registry.terraform.io/hashicorp/kubernetes',
  change: { actions, before, after, after_unknown: {} },
});
const plan = (...changes: ReturnType<typeof change>[]) => ({ format_version: '1.2', terraform_version: '1.9.8', resource_changes: changes });

const pvc = { metadata: [{ name: 'emr-data', namespace: 'emr', labels: {} }], spec: [{ access_modes: ['ReadWriteOnce'], resources: [{ requests: { storage: '100Gi' } }] }] };
const medicalNamespace = { metadata: [{ name: 'emr', labels: { [LABELS.dataClass]: LABEL_VALUES.medicalRecord } }] };

export const protectedResourceDeletionFixtures: RuleFixtures = {
  ruleId: 'change-safety/protected-resource-deletion',
  pass: [
    { name: 'PVC updated in place', plan: plan(change('kubernetes_persistent_volume_claim_v1', 'emr_data', ['update'], pvc, pvc)) },
    { name: 'PVC unchanged', plan: plan(change('kubernetes_persistent_volume_claim_v1', 'emr_data', ['no-op'], pvc, pvc)) },
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
  ],
};
