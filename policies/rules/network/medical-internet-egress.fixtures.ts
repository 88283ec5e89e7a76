import type { RuleFixtures } from '../fixtures';
import { plannedNetwork, tfAppPolicy, tfNamespace, tfNetworkPolicy } from './fixture-builders';
import { planWithFlows } from './plan-variants';

const REGISTRATION = 'kubernetes_deployment_v1.his_registration';
const egressTo = (cidr: string, ports: unknown[]) =>
  tfAppPolicy('his', 'registration', 'internet', { policy_types: ['Egress'], egress: [{ to: [{ ip_block: { cidr } }], ports }] });

export const medicalInternetEgressFixtures: RuleFixtures = {
  ruleId: 'network/medical-internet-egress',
  pass: [
    {
      name: 'registration reaches only the his-db store',
      terraform: plannedNetwork(),
      resource: REGISTRATION,
      message: 'reaches no public address beyond the plan’s flows',
    },
    {
      name: 'a vendor update service the plan lists',
      terraform: plannedNetwork(egressTo('203.0.113.0/24', [{ port: '443', protocol: 'TCP' }])),
      options: {
        plan: planWithFlows({
          title: 'registration fetches vendor updates',
          from: { systems: ['registration'] },
          to: { cidr: '203.0.113.0/24' },
          ports: [443],
        }),
      },
      resource: REGISTRATION,
      message: 'plan flows: registration fetches vendor updates',
    },
    {
      name: 'egress to the hospital network is no internet egress',
      terraform: plannedNetwork(egressTo('10.30.0.0/16', [{ port: '2575', protocol: 'TCP' }])),
      resource: REGISTRATION,
      message: 'reaches no public address',
    },
  ],
  fail: [
    {
      name: 'egress to 0.0.0.0/0 from a medical namespace',
      terraform: plannedNetwork(egressTo('0.0.0.0/0', [{ port: '443', protocol: 'TCP' }])),
      resource: REGISTRATION,
      message:
        'his/registration (medical zone, plan: segments.namespaces.his) may send to the internet traffic no plan flow lists (segments.allowedFlows): to external:',
    },
    {
      name: 'egress to one public range (a public DNS resolver)',
      terraform: plannedNetwork(egressTo('8.8.8.8/32', [{ port: '53', protocol: 'UDP' }])),
      resource: REGISTRATION,
      message: 'to external:8.8.8.8/32 (internet) on UDP 53',
    },
    {
      name: 'a namespace-wide allow-all egress rule in clinical-data',
      terraform: plannedNetwork(tfNetworkPolicy('clinical-data', 'egress-all', { pod_selector: {}, policy_types: ['Egress'], egress: [{}] })),
      resource: 'kubernetes_stateful_set_v1.clinical_data_his_db',
      message: 'to external:192.169.0.0-255.255.255.255 (internet) on all (allowed by kubernetes_network_policy_v1.clinical_data_egress_all egress[0])',
    },
    {
      name: 'the medical namespace relabelled as dmz is still judged as medical',
      terraform: plannedNetwork(tfNamespace('his', 'dmz'), egressTo('198.51.100.0/24', [{ port: '443', protocol: 'TCP' }])),
      resource: REGISTRATION,
      message: 'his/registration (medical zone, plan: segments.namespaces.his) may send to the internet',
    },
    {
      name: 'a plan flow to a narrower range does not cover a wider one',
      terraform: plannedNetwork(egressTo('203.0.0.0/16', [{ port: '443', protocol: 'TCP' }])),
      options: {
        plan: planWithFlows({
          title: 'registration fetches vendor updates',
          from: { systems: ['registration'] },
          to: { cidr: '203.0.113.0/24' },
          ports: [443],
        }),
      },
      resource: REGISTRATION,
      message: 'to external:203.0.0.0/16 (internet) on TCP 443',
    },
  ],
};
