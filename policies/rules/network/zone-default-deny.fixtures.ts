import type { RuleFixtures } from '../fixtures';
import { resource } from '../fixture-builders';
import { plannedNetwork, tfNamespace, tfNetworkPolicy } from './fixture-builders';

const replaceDeny = (namespace: string, spec: Record<string, unknown>) => tfNetworkPolicy(namespace, 'default-deny', spec);

export const zoneDefaultDenyFixtures: RuleFixtures = {
  ruleId: 'network/zone-default-deny',
  pass: [
    {
      name: 'every medical and guest namespace denies both ways',
      terraform: plannedNetwork(),
      resource: 'kubernetes_namespace_v1.clinical_data',
      message:
        'namespace clinical-data (medical zone, plan: segments.namespaces.clinical-data; plan: segments.defaultDenyZones) denies ingress and egress by default',
    },
    {
      name: 'the guest namespace',
      terraform: plannedNetwork(),
      resource: 'kubernetes_namespace_v1.guest_services',
      message: 'namespace guest-services (guest zone',
    },
  ],
  fail: [
    {
      name: 'a default deny that selects no pods (only pods labelled quarantine)',
      terraform: plannedNetwork(replaceDeny('clinical-data', { pod_selector: { match_labels: { quarantine: 'true' } }, policy_types: ['Ingress', 'Egress'] })),
      resource: 'kubernetes_namespace_v1.clinical_data',
      message: 'no NetworkPolicy with an empty pod_selector isolates Ingress; no NetworkPolicy with an empty pod_selector isolates Egress',
    },
    {
      name: 'a default deny of ingress only',
      terraform: plannedNetwork(replaceDeny('his', { pod_selector: {}, policy_types: ['Ingress'] })),
      resource: 'kubernetes_namespace_v1.his',
      message:
        'namespace his (medical zone, plan: segments.namespaces.his; plan: segments.defaultDenyZones): no NetworkPolicy with an empty pod_selector isolates Egress',
    },
    {
      name: 'the guest namespace relabelled as dmz, its egress deny dropped',
      terraform: plannedNetwork(tfNamespace('guest-services', 'dmz'), replaceDeny('guest-services', { pod_selector: {}, policy_types: ['Ingress'] })),
      resource: 'kubernetes_namespace_v1.guest_services',
      message:
        'namespace guest-services (guest zone, plan: segments.namespaces.guest-services; plan: segments.defaultDenyZones): no NetworkPolicy with an empty pod_selector isolates Egress',
    },
    {
      name: 'a namespace-wide rule admitting every namespace on every port',
      terraform: plannedNetwork(
        replaceDeny('his', { pod_selector: {}, policy_types: ['Ingress', 'Egress'], ingress: [{ from: [{ namespace_selector: {} }] }] }),
      ),
      resource: 'kubernetes_namespace_v1.his',
      message: 'kubernetes_network_policy_v1.his_default_deny ingress[0] reopens all ingress for every pod',
    },
    {
      name: 'a namespace-wide egress rule to the whole internet',
      terraform: plannedNetwork(
        replaceDeny('guest-services', { pod_selector: {}, policy_types: ['Ingress', 'Egress'], egress: [{ to: [{ ip_block: { cidr: '0.0.0.0/0' } }] }] }),
      ),
      resource: 'kubernetes_namespace_v1.guest_services',
      message: 'egress[0] reopens all egress for every pod: ipBlock 0.0.0.0/0 (the whole internet)',
    },
    {
      name: 'an AdminNetworkPolicy written as kubernetes_manifest (invisible to the analysis) fails closed',
      terraform: plannedNetwork(
        resource('kubernetes_manifest', 'anp_open_his', {
          manifest: {
            apiVersion: 'policy.networking.k8s.io/v1alpha1',
            kind: 'AdminNetworkPolicy',
            metadata: { name: 'open-his' },
            spec: {
              priority: 10,
              subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'his' } } },
              ingress: [{ name: 'all', action: 'Allow', from: [{ namespaces: {} }] }],
            },
          },
        }),
      ),
      resource: 'kubernetes_manifest.anp_open_his',
      message: 'AdminNetworkPolicy written as kubernetes_manifest is not read by the network analysis',
    },
  ],
};
