import type { RuleFixtures } from '../fixtures';
import { resource, terraform } from '../fixture-builders';
import { isolatedHospital, tfNamespace, tfNetworkPolicy } from './fixture-builders';

export const defaultDenyFixtures: RuleFixtures = {
  ruleId: 'network/default-deny',
  pass: [
    { name: 'every namespace has a deny-all policy', terraform: isolatedHospital() },
    {
      name: 'separate ingress and egress deny policies, the egress one allowing DNS',
      terraform: terraform(
        tfNamespace('lab', 'medical'),
        tfNetworkPolicy('lab', 'deny-ingress', { pod_selector: {}, policy_types: ['Ingress'] }),
        tfNetworkPolicy('lab', 'deny-egress-but-dns', {
          pod_selector: {},
          policy_types: ['Egress'],
          egress: [
            {
              to: [
                {
                  namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                  pod_selector: { match_labels: { 'k8s-app': 'kube-dns' } },
                },
              ],
              ports: [
                { port: '53', protocol: 'UDP' },
                { port: '53', protocol: 'TCP' },
              ],
            },
          ],
        }),
      ),
      resource: 'kubernetes_namespace_v1.lab',
      message: '(kubernetes_network_policy_v1.lab_deny_egress_but_dns, kubernetes_network_policy_v1.lab_deny_ingress)',
    },
    {
      // Peers without ports, or ports without peers, still narrow the namespace-wide rule.
      name: 'namespace-wide rules allowing ingress from pods of the same namespace (any port) and egress on port 53 (any peer)',
      terraform: terraform(
        tfNamespace('lab', 'medical'),
        tfNetworkPolicy('lab', 'deny', {
          pod_selector: {},
          policy_types: ['Ingress', 'Egress'],
          ingress: [{ from: [{ pod_selector: {} }] }],
          egress: [{ ports: [{ port: '53', protocol: 'UDP' }] }],
        }),
      ),
      resource: 'kubernetes_namespace_v1.lab',
      message: 'namespace "lab" denies ingress and egress by default (kubernetes_network_policy_v1.lab_deny)',
    },
  ],
  fail: [
    {
      name: 'a namespace without any policy',
      terraform: terraform(tfNamespace('pacs', 'medical')),
      resource: 'kubernetes_namespace_v1.pacs',
      message: 'isolates Ingress',
    },
    {
      name: 'ingress deny only (egress open)',
      terraform: terraform(tfNamespace('lab', 'medical'), tfNetworkPolicy('lab', 'deny', { pod_selector: {}, policy_types: ['Ingress'] })),
      message: 'no NetworkPolicy with an empty pod_selector isolates Egress',
    },
    {
      name: 'egress deny only (ingress open)',
      terraform: terraform(tfNamespace('lab', 'medical'), tfNetworkPolicy('lab', 'deny', { pod_selector: {}, policy_types: ['Egress'] })),
      resource: 'kubernetes_namespace_v1.lab',
      message: 'no NetworkPolicy with an empty pod_selector isolates Ingress',
    },
    {
      name: 'a deny policy that selects only some pods',
      terraform: terraform(
        tfNamespace('lab', 'medical'),
        tfNetworkPolicy('lab', 'deny', { pod_selector: { match_labels: { app: 'lis' } }, policy_types: ['Ingress', 'Egress'] }),
      ),
      message: 'isolates Ingress',
    },
    {
      name: 'a deny-all policy of another namespace does not isolate this one',
      terraform: terraform(
        tfNamespace('lab', 'medical'),
        tfNamespace('pacs', 'medical'),
        tfNetworkPolicy('pacs', 'default-deny', { pod_selector: {}, policy_types: ['Ingress', 'Egress'] }),
      ),
      resource: 'kubernetes_namespace_v1.lab',
      message: 'namespace "lab": no NetworkPolicy with an empty pod_selector isolates Ingress',
    },
    {
      name: 'a namespace-wide allow-all egress rule undoes the deny',
      terraform: terraform(
        tfNamespace('lab', 'medical'),
        tfNetworkPolicy('lab', 'deny', { pod_selector: {}, policy_types: ['Ingress', 'Egress'], egress: [{}] }),
      ),
      message: 'egress[0] allows all egress for every pod',
    },
    {
      name: 'a namespace-wide allow-all ingress rule undoes the deny',
      terraform: terraform(
        tfNamespace('lab', 'medical'),
        tfNetworkPolicy('lab', 'deny', { pod_selector: {}, policy_types: ['Ingress', 'Egress'], ingress: [{ from: [{ pod_selector: {} }] }, {}] }),
      ),
      resource: 'kubernetes_namespace_v1.lab',
      message: 'kubernetes_network_policy_v1.lab_deny ingress[1] allows all ingress for every pod',
    },
    {
      name: 'a namespace whose name is known only after apply fails closed',
      terraform: resource('kubernetes_namespace_v1', 'lab', { metadata: { name: '${var.lab_namespace}' } }),
      resource: 'kubernetes_namespace_v1.lab',
      message: 'metadata[0].name is known only after apply; failing closed',
    },
    {
      name: 'an unreadable network model (an ip_block without cidr) fails every namespace closed',
      terraform: terraform(
        tfNamespace('lab', 'medical'),
        tfNetworkPolicy('lab', 'deny', { pod_selector: {}, policy_types: ['Ingress', 'Egress'], ingress: [{ from: [{ ip_block: {} }] }] }),
      ),
      resource: 'kubernetes_namespace_v1.lab',
      message: 'kubernetes_network_policy_v1.lab_deny: spec[0].ingress[0].from[0].ip_block[0].cidr: a CIDR is required',
    },
  ],
};
