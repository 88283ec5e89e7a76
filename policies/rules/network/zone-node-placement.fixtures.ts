import type { RuleFixtures } from '../fixtures';
import { terraform } from '../fixture-builders';
import { tfNamespace, tfWorkload } from './fixture-builders';

const MEDICAL_NODES = { 'platform.hospital/node-pool': 'medical' };
const GUEST_NODES = { 'platform.hospital/node-pool': 'guest' };
const deployment = (namespace: string, name: string, podSpec?: Record<string, unknown>) =>
  tfWorkload('kubernetes_deployment_v1', namespace, name, { http: 8080 }, podSpec);
const requiredAffinity = (key: string, values: string[]) => ({
  affinity: {
    node_affinity: { required_during_scheduling_ignored_during_execution: { node_selector_term: [{ match_expressions: [{ key, operator: 'In', values }] }] } },
  },
});

export const zoneNodePlacementFixtures: RuleFixtures = {
  ruleId: 'network/zone-node-placement',
  pass: [
    {
      name: 'registration on medical nodes, the guest portal on guest nodes',
      terraform: terraform(
        tfNamespace('his', 'medical'),
        tfNamespace('guest-services', 'guest'),
        deployment('his', 'registration', { node_selector: MEDICAL_NODES }),
        deployment('guest-services', 'guest-portal', { node_selector: GUEST_NODES }),
      ),
      resource: 'kubernetes_deployment_v1.his_registration',
      message: 'his/registration (medical zone) runs on medical nodes (node_selector platform.hospital/node-pool=medical)',
    },
    {
      name: 'pinned by required node affinity',
      terraform: terraform(tfNamespace('his', 'medical'), deployment('his', 'registration', requiredAffinity('platform.hospital/node-pool', ['medical']))),
      resource: 'kubernetes_deployment_v1.his_registration',
      message: 'required node affinity',
    },
  ],
  fail: [
    {
      name: 'a medical workload without a node selector in production',
      terraform: terraform(tfNamespace('his', 'medical'), deployment('his', 'registration')),
      resource: 'kubernetes_deployment_v1.his_registration',
      message:
        'his/registration (medical zone) is not pinned to the medical nodes (plan: segments.nodePlacement.medical = platform.hospital/node-pool=medical)',
    },
    {
      name: 'a guest workload on the medical nodes',
      terraform: terraform(tfNamespace('guest-services', 'guest'), deployment('guest-services', 'guest-portal', { node_selector: MEDICAL_NODES })),
      resource: 'kubernetes_deployment_v1.guest_services_guest_portal',
      message: 'is not pinned to the guest nodes (plan: segments.nodePlacement.guest = platform.hospital/node-pool=guest)',
    },
    {
      name: 'the guest namespace relabelled as dmz, its workload moved off the guest nodes',
      terraform: terraform(tfNamespace('guest-services', 'dmz'), deployment('guest-services', 'guest-portal')),
      resource: 'kubernetes_deployment_v1.guest_services_guest_portal',
      message: 'guest-services/guest-portal (guest zone) is not pinned to the guest nodes',
    },
    {
      name: 'an affinity that also allows other nodes (a second term)',
      terraform: terraform(
        tfNamespace('his', 'medical'),
        deployment('his', 'registration', {
          affinity: {
            node_affinity: {
              required_during_scheduling_ignored_during_execution: {
                node_selector_term: [
                  { match_expressions: [{ key: 'platform.hospital/node-pool', operator: 'In', values: ['medical'] }] },
                  { match_expressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] },
                ],
              },
            },
          },
        }),
      ),
      resource: 'kubernetes_deployment_v1.his_registration',
      message: 'neither node_selector nor a required node affinity pins platform.hospital/node-pool=medical',
    },
    {
      name: 'in a development cluster with medical nodes, a medical workload not pinned',
      environment: 'dev',
      terraform: terraform(tfNamespace('his', 'medical'), deployment('his', 'registration', { node_selector: MEDICAL_NODES }), deployment('his', 'billing')),
      resource: 'kubernetes_deployment_v1.his_billing',
      message: 'his/billing (medical zone) is not pinned',
    },
  ],
  skip: [
    {
      name: 'a development cluster without medical nodes',
      environment: 'dev',
      terraform: terraform(tfNamespace('his', 'medical'), deployment('his', 'registration')),
      resource: 'kubernetes_deployment_v1.his_registration',
      message: 'dev has no nodes of the medical zone',
    },
  ],
};
