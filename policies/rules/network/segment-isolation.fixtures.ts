import type { RuleFixtures } from '../fixtures';
import { appSelector, isolatedHospital, plannedNetwork, segmentSelector, tfAppPolicy, tfNamespace, tfNetworkPolicy } from './fixture-builders';

export const segmentIsolationFixtures: RuleFixtures = {
  ruleId: 'network/segment-isolation',
  pass: [
    { name: 'guest reaches only the internet, medical only the dmz ingress controller', terraform: isolatedHospital() },
    {
      // One side alone does not make a connection: the medical ingress still refuses the guest.
      name: 'a guest egress rule towards medical that the medical side does not accept',
      terraform: isolatedHospital(
        tfNetworkPolicy('guest', 'portal-to-his', {
          pod_selector: appSelector('wifi-portal'),
          policy_types: ['Egress'],
          egress: [{ to: [{ namespace_selector: segmentSelector('medical') }] }],
        }),
      ),
    },
  ],
  fail: [
    {
      name: 'both sides allow guest to reach the EMR',
      terraform: isolatedHospital(
        tfNetworkPolicy('guest', 'portal-to-his', {
          pod_selector: appSelector('wifi-portal'),
          policy_types: ['Egress'],
          egress: [{ to: [{ namespace_selector: segmentSelector('medical') }] }],
        }),
        tfNetworkPolicy('his', 'emr-from-anywhere', {
          pod_selector: appSelector('emr'),
          policy_types: ['Ingress'],
          ingress: [{ from: [{ namespace_selector: {} }], ports: [{ port: 'http' }] }],
        }),
      ),
      resource: 'guest/wifi-portal -> his/emr',
      message: 'kubernetes_network_policy_v1.his_emr_from_anywhere',
    },
    {
      name: 'medical egress to guest with a guest ingress open to all namespaces',
      terraform: isolatedHospital(
        tfNetworkPolicy('his', 'registration-anywhere', { pod_selector: appSelector('registration'), policy_types: ['Egress'], egress: [{}] }),
        tfNetworkPolicy('guest', 'portal-open', {
          pod_selector: appSelector('wifi-portal'),
          policy_types: ['Ingress'],
          ingress: [{ from: [{ namespace_selector: {} }] }],
        }),
      ),
      resource: 'his/registration -> guest/wifi-portal',
      message: 'NetworkPolicy guest/portal-open ingress[0]',
    },
    {
      // The plan, not the label, puts guest-services in the guest zone.
      name: 'the guest namespace relabelled as dmz, then a flow to registration allowed on both sides',
      terraform: plannedNetwork(
        tfNamespace('guest-services', 'dmz'),
        tfAppPolicy('guest-services', 'guest-portal', 'to-registration', {
          policy_types: ['Egress'],
          egress: [{ to: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'his' } } }], ports: [{ port: '8080', protocol: 'TCP' }] }],
        }),
        tfAppPolicy('his', 'registration', 'from-dmz', {
          policy_types: ['Ingress'],
          ingress: [{ from: [{ namespace_selector: segmentSelector('dmz') }], ports: [{ port: 'http', protocol: 'TCP' }] }],
        }),
      ),
      resource: 'guest-services/guest-portal -> his/registration',
      message: 'guest-services/guest-portal (guest) can reach his/registration (medical) on TCP 8080',
    },
    {
      name: 'an unreadable network model (an ip_block without cidr) fails closed',
      terraform: isolatedHospital(
        tfNetworkPolicy('his', 'emr-partner', { pod_selector: appSelector('emr'), policy_types: ['Ingress'], ingress: [{ from: [{ ip_block: {} }] }] }),
      ),
      resource: 'network:guest<->medical',
      message: 'kubernetes_network_policy_v1.his_emr_partner: spec[0].ingress[0].from[0].ip_block[0].cidr: a CIDR is required',
    },
  ],
};
