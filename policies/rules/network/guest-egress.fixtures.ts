import type { RuleFixtures } from '../fixtures';
import { plannedNetwork, tfAppPolicy, tfNamespace } from './fixture-builders';

const PORTAL = 'kubernetes_deployment_v1.guest_services_guest_portal';
const egress = (name: string, to: unknown[], ports?: unknown[]) =>
  tfAppPolicy('guest-services', 'guest-portal', name, { policy_types: ['Egress'], egress: [{ to, ...(ports ? { ports } : {}) }] });

export const guestEgressFixtures: RuleFixtures = {
  ruleId: 'network/guest-egress',
  pass: [
    {
      name: 'the guest portal reaches public addresses and the cluster DNS',
      terraform: plannedNetwork(),
      resource: PORTAL,
      message: 'reaches only the internet and the plan’s flows (plan flows: guest workloads resolve names at the cluster DNS)',
    },
  ],
  fail: [
    {
      name: 'egress to an internal range (the data centre network)',
      terraform: plannedNetwork(egress('to-dc', [{ ip_block: { cidr: '10.0.0.0/8' } }], [{ port: '443', protocol: 'TCP' }])),
      resource: PORTAL,
      message: 'to external:10.0.0.0/8 (hospital network) on TCP 443',
    },
    {
      name: 'egress to 0.0.0.0/0 without the internal ranges excepted',
      terraform: plannedNetwork(egress('anywhere', [{ ip_block: { cidr: '0.0.0.0/0' } }])),
      resource: PORTAL,
      message: '(hospital network) on all',
    },
    {
      name: 'egress to every namespace (namespace_selector {})',
      terraform: plannedNetwork(egress('cluster', [{ namespace_selector: {} }])),
      resource: PORTAL,
      message: 'to his/registration (medical zone) on all',
    },
    {
      name: 'the guest namespace relabelled as dmz, then a flow to registration',
      terraform: plannedNetwork(
        tfNamespace('guest-services', 'dmz'),
        egress('to-registration', [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'his' } } }], [{ port: '8080', protocol: 'TCP' }]),
      ),
      resource: PORTAL,
      message:
        'guest-services/guest-portal (guest zone, plan: segments.namespaces.guest-services) may send to the hospital traffic no plan flow lists (segments.allowedFlows): to his/registration (medical zone) on TCP 8080',
    },
    {
      name: 'DNS to a resolver in the data centre the plan does not list',
      terraform: plannedNetwork(egress('dc-dns', [{ ip_block: { cidr: '10.0.0.0/28' } }], [{ port: '53', protocol: 'UDP' }])),
      resource: PORTAL,
      message: 'to external:10.0.0.0/28 (hospital network) on UDP 53',
    },
  ],
};
